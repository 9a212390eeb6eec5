package io.wmon.example;

import java.time.Duration;
import java.util.Random;

/**
 * The {@code --varied-jobs} schedule: job ids of several kinds and lengths, as a real worker meets
 * them ({@code invoice-10423}, {@code email:welcome/17}, a long ETL partition name), jobs that take
 * between half and twice {@code --job-millis}, and now and then an idle pause between two jobs.
 *
 * <p>Seeded per worker, so that the workers of one demo do not run in step; deterministic for a
 * seed, so that a test can predict it.
 */
final class VariedJobs {

    /** A job to run, and how long to stay idle after it. */
    static final class Job {
        final String id;
        final Duration duration;
        final Duration idleAfter;

        Job(String id, Duration duration, Duration idleAfter) {
            this.id = id;
            this.duration = duration;
            this.idleAfter = idleAfter;
        }
    }

    private static final String[] REGIONS = {"eu-west-1", "us-east-2", "ap-south-1"};

    private final Random random;
    private final long baseMillis;

    VariedJobs(long seed, Duration base) {
        this.random = new Random(seed);
        this.baseMillis = Math.max(1, base.toMillis());
    }

    /** The {@code sequence}-th job (1-based). */
    Job next(long sequence) {
        long duration = baseMillis / 2 + (long) (random.nextDouble() * baseMillis * 1.5);
        // About one job in four is followed by a pause, so that idle workers show up too.
        long idle = random.nextInt(4) == 0
                ? baseMillis + random.nextInt((int) Math.min(Integer.MAX_VALUE, baseMillis * 3)) : 0;
        return new Job(id(sequence), Duration.ofMillis(duration), Duration.ofMillis(idle));
    }

    private String id(long sequence) {
        switch (random.nextInt(6)) {
            case 0:
                return "invoice-" + (10_000 + sequence * 7);
            case 1:
                return "email:welcome/" + sequence;
            case 2:
                return "thumbnail/IMG_" + (4000 + sequence) + ".jpg";
            case 3:
                return "report-" + REGIONS[(int) (sequence % REGIONS.length)] + "-" + sequence;
            case 4:
                return "sync:crm:account-" + Long.toHexString(0x5eed0000L + sequence * 31);
            default:
                return "etl.daily-orders.partition=" + (sequence % 24) + ".batch-" + sequence;
        }
    }
}
