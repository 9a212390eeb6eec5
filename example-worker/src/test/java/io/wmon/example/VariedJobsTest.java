package io.wmon.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's workers show the job ids and rhythms a real fleet has, not job-1, job-2, … in step. */
class VariedJobsTest {

    @Test
    void jobIdsComeInSeveralKindsAndLengthsAndDurationsVary() {
        VariedJobs jobs = new VariedJobs(42, Duration.ofMillis(400));
        Set<String> kinds = new HashSet<>();
        Set<Integer> lengths = new HashSet<>();
        long idlePauses = 0;
        for (long sequence = 1; sequence <= 60; sequence++) {
            VariedJobs.Job job = jobs.next(sequence);
            kinds.add(job.id.split("[-:/.]")[0]);
            lengths.add(job.id.length());
            assertThat(job.duration).isBetween(Duration.ofMillis(200), Duration.ofMillis(800));
            idlePauses += job.idleAfter.isZero() ? 0 : 1;
        }

        assertThat(kinds).hasSizeGreaterThanOrEqualTo(5);
        assertThat(lengths.stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(24);
        assertThat(idlePauses).isBetween(5L, 30L);
    }

    @Test
    void workersWithOtherSeedsDoNotRunInStep() {
        assertThat(new VariedJobs(1, Duration.ofMillis(400)).next(1).id)
                .isNotEqualTo(new VariedJobs(2, Duration.ofMillis(400)).next(1).id);
    }

    @Test
    void theFlagTurnsItOn() {
        assertThat(WorkerOptions.parse("--varied-jobs", "--job-millis", "300").variedJobs()).isTrue();
        assertThat(WorkerOptions.parse().variedJobs()).isFalse();
    }
}
