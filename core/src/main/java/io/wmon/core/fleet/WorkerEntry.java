package io.wmon.core.fleet;

import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import java.util.List;

/**
 * One registry member as a read found it: its status, its record when readable, and why not.
 *
 * <p>{@link #beatMillis()} is the record's beat, or the registry score when there is no
 * readable record; ages are measured against the snapshot's {@code generatedAtMillis} and are
 * never negative (a worker whose clock runs ahead has age 0).
 */
public final class WorkerEntry {

    /** How the problem of a beat more than one interval in the future starts; such an entry is stale. */
    public static final String CLOCK_SKEW = "clock skew";

    private final String id;
    private final EntryStatus status;
    private final WorkerRecord record;
    private final long beatMillis;
    private final long ageMillis;
    private final long staleAfterMillis;
    private final List<String> problems;

    WorkerEntry(String id, EntryStatus status, WorkerRecord record, long beatMillis, long ageMillis,
            long staleAfterMillis, List<String> problems) {
        this.id = id;
        this.status = status;
        this.record = record;
        this.beatMillis = beatMillis;
        this.ageMillis = ageMillis;
        this.staleAfterMillis = staleAfterMillis;
        this.problems = List.copyOf(problems);
    }

    /** This entry as an event changed it: {@code state} (null keeps it; job cleared unless busy), {@code status} (null keeps it). */
    WorkerEntry changed(WorkerState state, EntryStatus newStatus) {
        WorkerRecord changedRecord = record;
        if (state != null && record != null && state != record.state()) {
            changedRecord = record.toBuilder().state(state).job(state == WorkerState.BUSY ? record.job() : "").build();
        }
        return new WorkerEntry(id, newStatus == null ? status : newStatus, changedRecord, beatMillis, ageMillis,
                staleAfterMillis, problems);
    }

    /** The registry member. */
    public String id() {
        return id;
    }

    public EntryStatus status() {
        return status;
    }

    /** The record; null when {@link EntryStatus#GONE} or {@link EntryStatus#INVALID}. */
    public WorkerRecord record() {
        return record;
    }

    /** The last beat, epoch ms. */
    public long beatMillis() {
        return beatMillis;
    }

    /** How long ago the last beat was, ms, at the snapshot's time. */
    public long ageMillis() {
        return ageMillis;
    }

    /** The age from which this worker counts as stale, ms; {@link WorkerRecord#UNKNOWN} without a record. */
    public long staleAfterMillis() {
        return staleAfterMillis;
    }

    /**
     * Whether the worker is stale by the contract's own rule, whatever stale-after the read was given:
     * it has a record whose beat is at least three times its interval old
     * (the interval counted as at most {@link WorkerRecord#MAX_INTERVAL_MILLIS}). A beat from the future
     * (clock skew) has age 0 and is not stale by this rule.
     */
    public boolean isStaleByDefault() {
        return record != null && ageMillis >= defaultStaleAfterMillis(record.intervalMillis());
    }

    /** Stale-after by the contract's rule for a worker beating every {@code intervalMillis}, ms. */
    public static long defaultStaleAfterMillis(long intervalMillis) {
        return Math.min(intervalMillis, WorkerRecord.MAX_INTERVAL_MILLIS) * WorkerClassifier.STALE_INTERVALS;
    }

    /** Why the entry is invalid, or which fields of a readable record could not be read; may be empty. */
    public List<String> problems() {
        return problems;
    }

    /** {@link #problems()} as one line, {@code ""} when there are none. */
    public String problem() {
        return String.join("; ", problems);
    }

    @Override
    public String toString() {
        return id + " " + status + " age=" + ageMillis + "ms" + (problems.isEmpty() ? "" : " (" + problem() + ")");
    }
}
