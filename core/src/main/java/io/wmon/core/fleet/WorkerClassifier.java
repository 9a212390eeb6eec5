package io.wmon.core.fleet;

import io.wmon.core.record.DecodedRecord;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Turns what a read fetched for one registry member into a {@link WorkerEntry}, at one instant.
 *
 * <p>A record whose beat is more than one interval ahead of the reader's clock is stale, with a
 * {@value WorkerEntry#CLOCK_SKEW} problem, never alive; an interval above {@link WorkerRecord#MAX_INTERVAL_MILLIS}
 * counts as that maximum, with a problem, so that no record can make a worker that never goes stale.
 */
final class WorkerClassifier {

    /** Without an override, a worker is stale after this many of its own intervals. */
    static final int STALE_INTERVALS = 3;

    private final long nowMillis;
    private final long staleAfterOverrideMillis;

    /**
     * @param nowMillis the instant ages are measured against, epoch ms
     * @param staleAfterOverrideMillis stale-after for every worker, ms; {@code <= 0} for each worker's own default
     */
    WorkerClassifier(long nowMillis, long staleAfterOverrideMillis) {
        this.nowMillis = nowMillis;
        this.staleAfterOverrideMillis = staleAfterOverrideMillis;
    }

    /** A member whose record hash was fetched; an empty map means the hash does not exist. */
    WorkerEntry classify(String id, double score, Map<String, String> hash) {
        if (hash.isEmpty()) {
            return entry(id, EntryStatus.GONE, null, beat(score), WorkerRecord.UNKNOWN, List.of());
        }
        DecodedRecord decoded = WorkerRecordCodec.decode(hash);
        if (!decoded.isValid()) {
            return unreadable(id, score, decoded.invalidReason());
        }
        WorkerRecord record = decoded.record();
        if (!record.id().equals(id)) {
            // A copied or hand-written hash: trusting it would show one worker under two names.
            return unreadable(id, score, "the record's id '" + record.id() + "' differs from its registry member");
        }
        List<String> problems = decoded.problems();
        long interval = record.intervalMillis();
        if (interval > WorkerRecord.MAX_INTERVAL_MILLIS) {
            problems = with(problems, "interval " + interval + " ms is longer than the agent's longest ("
                    + WorkerRecord.MAX_INTERVAL_MILLIS + " ms): counted as " + WorkerRecord.MAX_INTERVAL_MILLIS);
            interval = WorkerRecord.MAX_INTERVAL_MILLIS;
        }
        long staleAfter = staleAfterOverrideMillis > 0 ? staleAfterOverrideMillis
                : interval * STALE_INTERVALS;
        long age = age(record.beatMillis());
        EntryStatus status = age < staleAfter ? EntryStatus.ALIVE : EntryStatus.STALE;
        long ahead = record.beatMillis() - nowMillis;
        if (ahead > interval) {
            // A beat from the future cannot show the worker alive: its clock, or whoever wrote it, is wrong.
            status = EntryStatus.STALE;
            problems = with(problems, WorkerEntry.CLOCK_SKEW + ": the beat is " + ahead + " ms ahead of this reader's clock, more"
                    + " than one interval");
        }
        return new WorkerEntry(id, status, record, record.beatMillis(), age, staleAfter, problems);
    }

    private static List<String> with(List<String> problems, String problem) {
        List<String> more = new ArrayList<>(problems.size() + 1);
        more.addAll(problems);
        more.add(problem);
        return Collections.unmodifiableList(more);
    }

    /** A member whose record could not be fetched or decoded; {@code reason} is one line. */
    WorkerEntry unreadable(String id, double score, String reason) {
        return entry(id, EntryStatus.INVALID, null, beat(score), WorkerRecord.UNKNOWN, List.of(reason));
    }

    private WorkerEntry entry(String id, EntryStatus status, WorkerRecord record, long beat, long staleAfter,
            List<String> problems) {
        return new WorkerEntry(id, status, record, beat, age(beat), staleAfter, problems);
    }

    private long age(long beatMillis) {
        return Math.max(0L, nowMillis - beatMillis);
    }

    /** Registry scores are written by anyone; clamp absurd ones instead of overflowing. */
    private static long beat(double score) {
        return (long) Math.max(0.0, Math.min(score, (double) Long.MAX_VALUE));
    }

}
