package io.wmon.example;

import java.time.Duration;

/**
 * The example worker's command line, parsed by hand into an immutable value.
 *
 * <pre>
 * --jobs N          stop after N jobs (default: run until killed)
 * --job-millis M    how long one fake job takes (default 200)
 * --fail-every K    every K-th job fails (default: none)
 * --varied-jobs     job ids of several kinds, durations from half to twice --job-millis, idle pauses
 * --redis URL       the application's own Redis, for --app-pool
 * --app-pool        open the application's own JedisPool (JMX enabled) and PING once per job
 * --stdin           scripted mode: read commands from standard input instead of running jobs
 * </pre>
 */
final class WorkerOptions {

    static final String USAGE = "usage: wmon-example-worker [--jobs N] [--job-millis M] [--fail-every K]"
            + " [--varied-jobs] [--redis URL --app-pool] [--stdin]";

    private final long jobs;
    private final Duration jobDuration;
    private final long failEvery;
    private final boolean varied;
    private final String redisUrl;
    private final boolean appPool;
    private final boolean scripted;

    private WorkerOptions(long jobs, Duration jobDuration, long failEvery, boolean varied, String redisUrl,
            boolean appPool, boolean scripted) {
        this.jobs = jobs;
        this.jobDuration = jobDuration;
        this.failEvery = failEvery;
        this.varied = varied;
        this.redisUrl = redisUrl;
        this.appPool = appPool;
        this.scripted = scripted;
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the bad flag; the message is one line
     */
    static WorkerOptions parse(String... args) {
        long jobs = -1;
        long jobMillis = 200;
        long failEvery = 0;
        boolean varied = false;
        String redisUrl = null;
        boolean appPool = false;
        boolean scripted = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--jobs":
                    jobs = number(flag, value(args, ++i, flag));
                    break;
                case "--job-millis":
                    jobMillis = number(flag, value(args, ++i, flag));
                    break;
                case "--fail-every":
                    failEvery = number(flag, value(args, ++i, flag));
                    break;
                case "--varied-jobs":
                    varied = true;
                    break;
                case "--redis":
                    redisUrl = value(args, ++i, flag);
                    break;
                case "--app-pool":
                    appPool = true;
                    break;
                case "--stdin":
                    scripted = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (appPool && redisUrl == null) {
            throw new IllegalArgumentException("--app-pool needs --redis URL");
        }
        return new WorkerOptions(jobs, Duration.ofMillis(jobMillis), failEvery, varied, redisUrl, appPool, scripted);
    }

    /** How many jobs to run before exiting; negative means forever. */
    long jobs() {
        return jobs;
    }

    Duration jobDuration() {
        return jobDuration;
    }

    /** Whether the job with this 1-based sequence number fails. */
    boolean fails(long sequence) {
        return failEvery > 0 && sequence % failEvery == 0;
    }

    /** Whether jobs vary in id, duration and the pauses between them ({@link VariedJobs}). */
    boolean variedJobs() {
        return varied;
    }

    /** The application's own Redis URL, or {@code null}. */
    String redisUrl() {
        return redisUrl;
    }

    boolean appPool() {
        return appPool;
    }

    boolean scripted() {
        return scripted;
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static long number(String flag, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number >= 0, not '" + value + "'");
        }
    }
}
