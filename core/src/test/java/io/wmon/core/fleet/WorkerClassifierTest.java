package io.wmon.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.record.SampleRecords;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerRecordCodec;
import io.wmon.core.record.WorkerState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerClassifierTest {

    private static final long NOW = 1_767_225_600_000L;

    @Test
    void aliveUntilThreeIntervalsThenStale() {
        WorkerClassifier classifier = new WorkerClassifier(NOW, 0);

        WorkerEntry young = classifier.classify("w", NOW, hash("w", NOW - 14_999, 5_000));
        WorkerEntry old = classifier.classify("w", NOW, hash("w", NOW - 15_000, 5_000));

        assertThat(young.status()).isEqualTo(EntryStatus.ALIVE);
        assertThat(young.ageMillis()).isEqualTo(14_999);
        assertThat(young.staleAfterMillis()).isEqualTo(15_000);
        assertThat(old.status()).isEqualTo(EntryStatus.STALE);
        assertThat(old.record()).isNotNull();
    }

    @Test
    void anOverrideReplacesEveryWorkersOwnStaleAfter() {
        WorkerClassifier classifier = new WorkerClassifier(NOW, 2_000);

        WorkerEntry entry = classifier.classify("w", NOW, hash("w", NOW - 2_500, 5_000));

        assertThat(entry.status()).isEqualTo(EntryStatus.STALE);
        assertThat(entry.staleAfterMillis()).isEqualTo(2_000);
    }

    @Test
    void aMissingHashIsGoneAgedByTheRegistryScore() {
        WorkerEntry entry = new WorkerClassifier(NOW, 0).classify("w", NOW - 60_000, Map.of());

        assertThat(entry.status()).isEqualTo(EntryStatus.GONE);
        assertThat(entry.record()).isNull();
        assertThat(entry.beatMillis()).isEqualTo(NOW - 60_000);
        assertThat(entry.ageMillis()).isEqualTo(60_000);
    }

    @Test
    void aRecordFiledUnderAnotherIdIsInvalid() {
        WorkerEntry entry = new WorkerClassifier(NOW, 0).classify("w-2", NOW, hash("w-1", NOW, 5_000));

        assertThat(entry.status()).isEqualTo(EntryStatus.INVALID);
        assertThat(entry.problem()).isEqualTo("the record's id 'w-1' differs from its registry member");
    }

    @Test
    void aClockAheadGivesAgeZeroAndAbsurdScoresDoNotOverflow() {
        WorkerClassifier classifier = new WorkerClassifier(NOW, 0);

        assertThat(classifier.classify("w", NOW, hash("w", NOW + 3_000, 5_000)).ageMillis()).isZero();
        assertThat(classifier.classify("w", Double.NEGATIVE_INFINITY, Map.of()).ageMillis()).isEqualTo(NOW);
        assertThat(classifier.classify("w", 1e300, Map.of()).ageMillis()).isZero();
    }

    /** Regression: a beat at now + 10^12 showed as alive. */
    @Test
    void aBeatMoreThanOneIntervalAheadIsStaleWithAClockSkewProblem() {
        WorkerClassifier classifier = new WorkerClassifier(NOW, 0);

        WorkerEntry far = classifier.classify("w", NOW, hash("w", NOW + 1_000_000_000_000L, 5_000));
        WorkerEntry near = classifier.classify("w", NOW, hash("w", NOW + 5_000, 5_000));

        assertThat(far.status()).isEqualTo(EntryStatus.STALE);
        assertThat(far.problems()).singleElement().asString().startsWith(WorkerEntry.CLOCK_SKEW + ": the beat is "
                + 1_000_000_000_000L + " ms ahead");
        assertThat(near.status()).as("within one interval: clocks a little apart").isEqualTo(EntryStatus.ALIVE);
        assertThat(near.problems()).isEmpty();
    }

    /** Regression: interval=9223372036854775807 made a worker that could never go stale. */
    @Test
    void anIntervalAboveTheAgentsLongestCountsAsThatLongest() {
        WorkerClassifier classifier = new WorkerClassifier(NOW, 0);
        long maxStaleAfter = 3 * WorkerRecord.MAX_INTERVAL_MILLIS;

        WorkerEntry entry = classifier.classify("w", NOW, hash("w", NOW - maxStaleAfter, Long.MAX_VALUE));

        assertThat(entry.status()).isEqualTo(EntryStatus.STALE);
        assertThat(entry.staleAfterMillis()).isEqualTo(maxStaleAfter);
        assertThat(entry.problems()).singleElement().asString().startsWith("interval " + Long.MAX_VALUE
                + " ms is longer than the agent's longest");
    }

    private static Map<String, String> hash(String id, long beat, long interval) {
        WorkerRecord record = SampleRecords.minimal(id, beat, interval, WorkerState.IDLE);
        return WorkerRecordCodec.encode(record);
    }
}
