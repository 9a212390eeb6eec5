package io.wmon.example;

import io.wmon.api.WorkerStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The example worker: prints {@code ready pid=<pid> agent=<true|false>}, then runs fake jobs (or
 * the {@code --stdin} script) and exits 0. A usage error exits 2. See {@link WorkerOptions} for
 * the flags.
 */
public final class ExampleWorker {

    private ExampleWorker() {
    }

    public static void main(String[] args) throws Exception {
        WorkerOptions options;
        try {
            options = WorkerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("example-worker: " + e.getMessage());
            System.err.println(WorkerOptions.USAGE);
            System.exit(2);
            return;
        }
        AppRedis appRedis = options.appPool() ? new AppRedis(options.redisUrl()) : null;
        try {
            System.out.println("ready pid=" + ProcessHandle.current().pid()
                    + " agent=" + WorkerStatus.isAgentPresent());
            if (options.scripted()) {
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                new ScriptedSession(stdin, System.out).run();
            } else {
                runJobs(options, new FakeJobs(options.jobDuration(), appRedis));
            }
        } finally {
            if (appRedis != null) {
                appRedis.close();
            }
        }
        System.out.println("bye");
    }

    private static void runJobs(WorkerOptions options, FakeJobs jobs) throws InterruptedException {
        VariedJobs varied = options.variedJobs()
                ? new VariedJobs(ProcessHandle.current().pid(), options.jobDuration()) : null;
        for (long sequence = 1; options.jobs() < 0 || sequence <= options.jobs(); sequence++) {
            if (varied == null) {
                jobs.run("job-" + sequence, options.fails(sequence));
                continue;
            }
            VariedJobs.Job job = varied.next(sequence);
            jobs.run(job.id, job.duration, options.fails(sequence));
            if (!job.idleAfter.isZero()) {
                jobs.idle(job.idleAfter);
            }
        }
        System.out.println("done processed=" + jobs.processed() + " failed=" + jobs.failed());
    }
}
