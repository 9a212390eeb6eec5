package io.wmon.core.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a {@link FleetEvent} to and from the fields of its stream entry: {@code type},
 * {@code worker}, {@code from}, {@code to}, {@code ts} (epoch ms, decimal) and {@code detail}, all
 * strings.
 *
 * <p>{@link #decode} never throws: anyone who may write to Redis may add an entry, so a reader
 * must survive any bytes. An entry without a known {@code type}, a {@code worker} or a decimal
 * {@code ts} is invalid (one line of reason); a text that was not UTF-8 (Jedis shows such bytes as
 * U+FFFD) is kept but reported as a problem; unknown fields are ignored; {@code from}, {@code to}
 * and {@code detail} default to {@code ""}.
 */
public final class EventCodec {

    public static final String TYPE = "type";
    public static final String WORKER = "worker";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String TS = "ts";
    public static final String DETAIL = "detail";

    /** Longest value quoted in a reason, characters: a reason is one short line. */
    private static final int QUOTED = 40;

    private EventCodec() {
    }

    /** The entry's fields in the contract's order; a new mutable map. */
    public static Map<String, String> encode(FleetEvent event) {
        Map<String, String> fields = new LinkedHashMap<>(8);
        fields.put(TYPE, event.type().wire());
        fields.put(WORKER, event.worker());
        fields.put(FROM, event.from());
        fields.put(TO, event.to());
        fields.put(TS, Long.toString(event.tsMillis()));
        fields.put(DETAIL, event.detail());
        return fields;
    }

    /**
     * Decodes the fields of the entry {@code id}; never throws.
     *
     * @param fields as Redis returned them; null or empty is invalid
     */
    public static DecodedEvent decode(EventId id, Map<String, String> fields) {
        try {
            return decodeOrReject(id, fields);
        } catch (RuntimeException bug) {
            // Only a bug here gets this far; it must cost one entry, not the reader.
            return DecodedEvent.invalid(id, "unreadable entry (" + bug.getClass().getSimpleName() + ")");
        }
    }

    private static DecodedEvent decodeOrReject(EventId id, Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            return DecodedEvent.invalid(id, "the entry has no fields");
        }
        String typeText = fields.get(TYPE);
        if (typeText == null || typeText.isEmpty()) {
            return DecodedEvent.invalid(id, "no type (field " + TYPE + ")");
        }
        EventType type = EventType.fromWire(typeText).orElse(null);
        if (type == null) {
            return DecodedEvent.invalid(id, "type '" + quoted(typeText) + "' is not one of " + EventType.FORMS);
        }
        String worker = fields.get(WORKER);
        if (worker == null || worker.isEmpty()) {
            return DecodedEvent.invalid(id, "no worker (field " + WORKER + ")");
        }
        String tsText = fields.get(TS);
        long ts = tsText == null ? -1 : EventId.decimal(tsText);
        if (ts < 0) {
            return DecodedEvent.invalid(id, tsText == null ? "no time (field " + TS + ")"
                    : "ts '" + quoted(tsText) + "' is not a whole number of epoch milliseconds");
        }
        List<String> problems = new ArrayList<>(0);
        String from = text(fields, FROM, problems);
        String to = text(fields, TO, problems);
        String detail = text(fields, DETAIL, problems);
        checkUtf8(WORKER, worker, problems);
        return DecodedEvent.valid(id, FleetEvent.of(type, worker, from, to, ts, detail), problems);
    }

    private static String text(Map<String, String> fields, String name, List<String> problems) {
        String value = fields.get(name);
        if (value == null) {
            return "";
        }
        checkUtf8(name, value, problems);
        return value;
    }

    private static void checkUtf8(String name, String value, List<String> problems) {
        if (value.indexOf('\uFFFD') >= 0) {
            problems.add(name + " contains bytes that are not UTF-8 (shown as U+FFFD)");
        }
    }

    /** A bad value for a one-line reason: shortened, and every control, line-separator or format character shown as {@code ?}. */
    private static String quoted(String text) {
        int shown = Math.min(text.length(), QUOTED);
        StringBuilder out = new StringBuilder(shown + 3);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
            out.append(invisible ? '?' : c);
        }
        return text.length() > shown ? out.append("...").toString() : out.toString();
    }
}
