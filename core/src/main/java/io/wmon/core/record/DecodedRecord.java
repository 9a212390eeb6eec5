package io.wmon.core.record;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of decoding one record hash: either a record, possibly with per-field problems
 * (a counter that is not a number, a label without {@code =}), or invalid with a one-line reason.
 */
public final class DecodedRecord {

    private final WorkerRecord record;
    private final String invalidReason;
    private final List<String> problems;

    private DecodedRecord(WorkerRecord record, String invalidReason, List<String> problems) {
        this.record = record;
        this.invalidReason = invalidReason;
        this.problems = problems;
    }

    static DecodedRecord valid(WorkerRecord record, List<String> problems) {
        return new DecodedRecord(record, "", Collections.unmodifiableList(problems));
    }

    /** An unreadable record; {@code reason} is one line, e.g. {@code "no beat (field beat)"}. */
    public static DecodedRecord invalid(String reason) {
        return new DecodedRecord(null, reason, List.of());
    }

    public boolean isValid() {
        return record != null;
    }

    /** The record, or null when {@link #isValid() invalid}. */
    public WorkerRecord record() {
        return record;
    }

    /** Why the record is invalid, one line; {@code ""} when valid. */
    public String invalidReason() {
        return invalidReason;
    }

    /** One line per field that could not be read; those fields are unknown in {@link #record()}. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return isValid() ? "valid " + record + (problems.isEmpty() ? "" : " " + problems)
                : "invalid: " + invalidReason;
    }
}
