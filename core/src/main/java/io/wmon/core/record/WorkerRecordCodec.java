package io.wmon.core.record;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a {@link WorkerRecord} to and from the string map of its Redis hash (schema v1), one
 * {@link RecordField} at a time.
 *
 * <p>{@link #encode} returns every v1 field, an empty string where a value is unknown, so that
 * a reader sees the same field set from every writer. It does not decide what is sent: the
 * agent's heartbeat, {@code HeartbeatWriter.writeChanges}, sends only the fields whose value
 * differs from the map it wrote at the previous beat, and the whole map on the first beat, after
 * a failed one, and when {@code HSET} reports that the hash had lost fields; {@code write} and
 * {@code markStopped} send the whole map. A field is thus rewritten only when the worker's value
 * changes (a value someone else wrote into the hash stays until then).
 *
 * <p>{@link #decode} never throws: a reader lists thousands of hashes that anyone with access
 * to Redis may have written, and one bad hash must cost one line, not the listing.
 */
public final class WorkerRecordCodec {

    /** Holds every field without rehashing (the default capacity of 16 would grow twice). */
    private static final int HASH_CAPACITY = RecordField.ALL.length * 4 / 3 + 1;

    private WorkerRecordCodec() {
    }

    /** Every v1 field, in {@link RecordField} order; a new mutable map. */
    public static Map<String, String> encode(WorkerRecord r) {
        Map<String, String> hash = new LinkedHashMap<>(HASH_CAPACITY);
        for (RecordField field : RecordField.ALL) {
            hash.put(field.wire(), r.format(field));
        }
        return hash;
    }

    /**
     * Decodes what {@code HGETALL} returned; never throws. Unknown fields are ignored.
     *
     * @param hash the field map; null or empty (a missing key) is invalid
     */
    public static DecodedRecord decode(Map<String, String> hash) {
        try {
            return decodeOrReject(hash);
        } catch (RuntimeException bug) {
            // Only a bug in this package gets here; it must still cost one record, not the listing.
            return DecodedRecord.invalid("unreadable record (" + bug + ")");
        }
    }

    private static DecodedRecord decodeOrReject(Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return DecodedRecord.invalid("the record hash is empty or missing");
        }
        FieldProblems problems = new FieldProblems();
        long[] longs = RecordField.unknownLongs();
        Object[] refs = RecordField.unknownRefs();
        for (RecordField field : RecordField.ALL) {
            String text = hash.get(field.wire());
            // Absent and empty both mean unknown, which the arrays already hold.
            if (text != null && !text.isEmpty()) {
                field.type().parse(field, text, longs, refs, problems);
            } else if (field.isRequired()) {
                problems.missing(field);
            }
            if (problems.isInvalid()) {
                return DecodedRecord.invalid(problems.invalidReason());
            }
        }
        // The required fields passed, so the record holds what WorkerRecordBuilder.build() demands.
        return DecodedRecord.valid(new WorkerRecord(longs, refs), problems.lines());
    }
}
