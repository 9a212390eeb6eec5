package io.wmon.core.record;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of value a {@link RecordField} holds: how each is stored in a {@link WorkerRecord},
 * written as a wire string, and read back.
 *
 * <p>Numbers, flags and the CPU load live in the record's {@code long[]} (no boxing: every
 * heartbeat encodes a record and every fleet read decodes thousands); texts, enums, labels and
 * ports live in its {@code Object[]}, always immutable. {@link #parse} only sees non-empty text,
 * because absent and empty mean the type's unknown value for every type, which the codec handles
 * once. A bad value goes to {@link FieldProblems#unreadable}, which leaves the unknown value in
 * place (or makes the record invalid when the field is required).
 */
enum FieldType {
    /** The schema version; always {@link WorkerRecord#SCHEMA_VERSION}, so it is not stored. */
    SCHEMA(Storage.NONE, null, null) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            return VERSION;
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            if (!text.equals(VERSION)) {
                problems.unreadable(field, FieldProblems.quote(text) + " is not supported (this reader knows v"
                        + VERSION + ")");
            }
        }
    },
    /** Any text; {@code ""} when unknown. Text that was not UTF-8 is kept (with U+FFFD) but reported. */
    TEXT(Storage.REFS, String.class, "") {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            return (String) refs[field.slot()];
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            if (text.indexOf('\uFFFD') >= 0) {
                problems.add(field, "contains bytes that are not UTF-8 (shown as U+FFFD)");
            }
            refs[field.slot()] = text;
        }
    },
    /** A whole number >= 0 (a count, epoch ms, bytes, µs), or {@link WorkerRecord#UNKNOWN}. */
    COUNT(Storage.LONGS, long.class, WorkerRecord.UNKNOWN) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            long value = longs[field.slot()];
            return value == WorkerRecord.UNKNOWN ? "" : Long.toString(value);
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            long value = parseCount(text);
            if (value < 0) {
                problems.unreadable(field, FieldProblems.quote(text) + " is not a whole number in 0.." + Long.MAX_VALUE);
            } else {
                longs[field.slot()] = value;
            }
        }
    },
    /** A {@link #COUNT} of milliseconds that must be positive: a zero interval would make a worker stale at once. */
    PERIOD(Storage.LONGS, long.class, WorkerRecord.UNKNOWN) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            return COUNT.format(field, longs, refs);
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            COUNT.parse(field, text, longs, refs, problems);
            if (longs[field.slot()] == 0) {
                longs[field.slot()] = WorkerRecord.UNKNOWN;
                problems.unreadable(field, "'0' must be a positive number of ms");
            }
        }
    },
    /** A load in 0..1 held as {@link Double#doubleToLongBits} bits; {@code -1.0} when unknown. */
    LOAD(Storage.LONGS, double.class, Double.doubleToLongBits(WorkerRecord.UNKNOWN)) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            double value = Double.longBitsToDouble(longs[field.slot()]);
            // Plain decimal: Double.toString would write 1.0E-4, which simple readers misparse.
            return value == WorkerRecord.UNKNOWN ? "" : BigDecimal.valueOf(value).toPlainString();
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            if (text.length() <= 64 && DECIMAL.matcher(text).matches()) {
                double value = Double.parseDouble(text);
                if (value >= 0.0 && value <= 1.0) {
                    longs[field.slot()] = Double.doubleToLongBits(value);
                    return;
                }
            }
            problems.unreadable(field, FieldProblems.quote(text) + " is not a decimal number in 0..1");
        }
    },
    /** {@code 1} or {@code 0}, held as 1 or 0; false when unknown. */
    FLAG(Storage.LONGS, boolean.class, 0L) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            return longs[field.slot()] != 0 ? "1" : "0";
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            if (text.equals("1")) {
                longs[field.slot()] = 1;
            } else if (!text.equals("0")) {
                problems.unreadable(field, FieldProblems.quote(text) + " is neither 1 nor 0, read as 0");
            }
        }
    },
    /** A {@link WorkerState}; only for a required field, as it has no unknown value (null until set). */
    WORKER_STATE(Storage.REFS, WorkerState.class, null) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            return ((WorkerState) refs[field.slot()]).wire();
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            Optional<WorkerState> state = WorkerState.fromWire(text);
            if (state.isPresent()) {
                refs[field.slot()] = state.get();
            } else {
                problems.unreadable(field, FieldProblems.quote(text)
                        + " is not one of starting|idle|busy|paused|stopping|stopped");
            }
        }
    },
    /** A {@link BreakerState}; {@link BreakerState#UNKNOWN} (written {@code ""}) when unknown. */
    BREAKER_STATE(Storage.REFS, BreakerState.class, BreakerState.UNKNOWN) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            return ((BreakerState) refs[field.slot()]).wire();
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            Optional<BreakerState> state = BreakerState.fromWire(text);
            if (state.isPresent()) {
                refs[field.slot()] = state.get();
            } else {
                problems.unreadable(field, FieldProblems.quote(text) + " is not one of CLOSED|OPEN|HALF_OPEN");
            }
        }
    },
    /** An unmodifiable {@code Map<String, String>} in the {@link LabelsCodec} form; empty when unknown. */
    LABEL_MAP(Storage.REFS, Map.class, Map.of()) {
        @Override
        @SuppressWarnings("unchecked")
        String format(RecordField field, long[] longs, Object[] refs) {
            return LabelsCodec.encode((Map<String, String>) refs[field.slot()]);
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            refs[field.slot()] = Collections.unmodifiableMap(LabelsCodec.decode(text, problems));
        }
    },
    /** An unmodifiable {@code List<Integer>} of ports 1..65535, comma-separated, capped; empty when unknown. */
    PORT_LIST(Storage.REFS, List.class, List.of()) {
        @Override
        String format(RecordField field, long[] longs, Object[] refs) {
            StringBuilder out = new StringBuilder();
            for (Object port : (List<?>) refs[field.slot()]) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(port);
            }
            return out.toString();
        }

        @Override
        void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems) {
            List<Integer> ports = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                long port = parseCount(part);
                if (port < 1 || port > 65535) {
                    problems.add(field, FieldProblems.quote(part) + " is not a port in 1..65535, left out");
                } else if (ports.size() == WorkerRecord.MAX_LOCAL_PORTS) {
                    problems.add(field, "more than " + WorkerRecord.MAX_LOCAL_PORTS + ", the rest left out");
                    break;
                } else {
                    ports.add((int) port);
                }
            }
            refs[field.slot()] = Collections.unmodifiableList(ports);
        }
    };

    /** Which of a record's two arrays holds the value. */
    enum Storage { NONE, LONGS, REFS }

    private static final String VERSION = Integer.toString(WorkerRecord.SCHEMA_VERSION);
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]{1,3})?");

    private final Storage storage;
    private final Class<?> valueType;
    private final Object unknown;

    FieldType(Storage storage, Class<?> valueType, Object unknown) {
        this.storage = storage;
        this.valueType = valueType;
        this.unknown = unknown;
    }

    Storage storage() {
        return storage;
    }

    /** The Java type of the value as its accessor returns it, e.g. {@code long.class}; null for {@link #SCHEMA}. */
    Class<?> valueType() {
        return valueType;
    }

    /** The value of an unknown (absent or empty) field: a {@code Long} for {@link Storage#LONGS}. */
    Object unknown() {
        return unknown;
    }

    /** The wire string of the field's value in {@code longs} or {@code refs}. */
    abstract String format(RecordField field, long[] longs, Object[] refs);

    /**
     * Reads non-empty wire text into the field's slot; leaves the unknown value there and tells
     * {@code problems} when the text is unreadable.
     */
    abstract void parse(RecordField field, String text, long[] longs, Object[] refs, FieldProblems problems);

    /**
     * Strict decimal digits only: no sign, no spaces, no hex, at most {@link Long#MAX_VALUE};
     * {@code -1} otherwise (a sentinel rather than {@code OptionalLong}: this runs for every number
     * of every record a fleet read decodes).
     */
    static long parseCount(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1; // 19 digits can exceed Long.MAX_VALUE
            }
        }
        return value;
    }
}
