package io.wmon.cli.command.demo;

import io.wmon.cli.ExitCodes;
import io.wmon.cli.Wmon;
import io.wmon.cli.WmonCommand;
import io.wmon.cli.command.attach.AgentJar;
import io.wmon.cli.command.attach.ExplicitOptions;
import io.wmon.cli.command.attach.InstalledArtifact;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.ConnectionNames;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.SharedPool;
import io.wmon.core.redis.SharedPoolRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wmon demo [--workers N] [--duration SECONDS]}: a fleet to look at in one command.
 *
 * <p>Picks a Redis ({@link DemoRedis}), starts N example workers with the agent in namespace
 * {@code demo}, shows the fleet until Ctrl-C (or for {@code --duration}), then stops everything it
 * started. Exit 0 when it ran, 2 for bad flags or a missing jar, 3 when the chosen Redis cannot be
 * reached, 1 when a worker or the Redis would not start.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a Redis (unless one is given or answers on 127.0.0.1:6379) and N example workers "
                + "with the agent, and watch them; Ctrl-C stops everything it started."})
public final class DemoCommand implements Callable<Integer> {

    /** The namespace the demo uses unless {@code -n} is given. */
    public static final String NAMESPACE = "demo";
    static final InstalledArtifact EXAMPLE_WORKER =
            new InstalledArtifact("wmon-example-worker.jar", "example-worker");
    private static final int MAX_WORKERS = 16;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_BEAT_TIMEOUT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @ParentCommand
    WmonCommand root;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "3",
            description = "Example worker JVMs to start, 1.." + MAX_WORKERS + " (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds instead of at Ctrl-C.")
    Integer durationSeconds;

    @Option(names = "--agent-jar", paramLabel = "PATH",
            description = "The wmon-agent.jar for the workers (default: the one next to the wmon CLI).")
    Path agentJar;

    @Option(names = "--start-redis", hidden = true,
            description = "Always start a Redis of its own, even when one is given or answers on 6379.")
    boolean startRedis;

    @Option(names = "--worker-class-path", hidden = true, paramLabel = "PATH",
            description = "Class path of the worker JVMs (default: wmon-example-worker.jar next to the CLI).")
    String workerClassPath;

    @Option(names = "--worker-main", hidden = true, paramLabel = "CLASS", defaultValue = WorkerLaunch.EXAMPLE_MAIN,
            description = "Main class of the worker JVMs.")
    String workerMain;

    @Override
    public Integer call() {
        checkFlags();
        String namespace = ExplicitOptions.typed(spec.commandLine(), "--namespace").orElse(NAMESPACE);
        FleetKeys keys = FleetKeys.of(namespace);
        Path agent = AgentJar.resolve(agentJar);
        String classPath = workerClassPath();
        PrintWriter err = spec.commandLine().getErr();
        DemoRun run = null;
        try {
            run = DemoRun.begin(err);
            DemoRedis redis = DemoRedis.choose(spec.commandLine(), root, startRedis, run, err);
            run.own(openPool(redis.endpoint(), namespace));
            err.println("wmon demo: Redis " + redis.describe() + ", namespace " + namespace + ", starting " + workers
                    + " workers (logs in " + run.logDir() + ")");
            err.flush();
            WorkerLaunch launch = new WorkerLaunch(agent, classPath, workerMain, redis.url(), namespace,
                    redis.chosenByUser());
            run.startWorkers(launch, workers).awaitReady(READY_TIMEOUT);
            awaitFirstBeats(run.pool(), keys, err);
            return show(redis, keys, run);
        } catch (DemoFailure e) {
            if (run != null) {
                run.keepLogs();
            }
            err.println("wmon: " + e.getMessage());
            err.flush();
            return ExitCodes.INTERNAL;
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    /**
     * Shows the fleet until Ctrl-C or the end of {@code --duration}: with {@code wmon status
     * --continuous} where this build has it, else with {@link DemoFleetView}.
     */
    private int show(DemoRedis redis, FleetKeys keys, DemoRun run) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (spec.root().subcommands().containsKey("status")) {
            List<String> status = new ArrayList<>(List.of("--redis", redis.url(), "--namespace", keys.namespace(),
                    "status", "--continuous", "--interval", Long.toString(DemoFleetView.REFRESH.toSeconds())));
            if (durationSeconds != null) {
                // Cycles start every REFRESH and the last one does not wait: N cycles span (N - 1) * REFRESH.
                status.addAll(List.of("--max-cycles",
                        Long.toString(durationSeconds / DemoFleetView.REFRESH.toSeconds() + 1)));
            }
            return Wmon.commandLine().setOut(out).setErr(err).execute(status.toArray(new String[0]));
        }
        new DemoFleetView(run.pool(), keys, out, err, System.console() != null)
                .run(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds));
        return ExitCodes.OK;
    }

    /** Waits until every worker has beaten once, so that the first screen shows the whole fleet. */
    private void awaitFirstBeats(SharedPool pool, FleetKeys keys, PrintWriter err) {
        FleetReader reader = new FleetReader(pool, keys, Clock.systemUTC());
        long deadline = System.nanoTime() + FIRST_BEAT_TIMEOUT.toNanos();
        while (reader.read().aliveCount() < workers) {
            if (System.nanoTime() > deadline) {
                err.println("wmon demo: not every worker reported to Redis within " + FIRST_BEAT_TIMEOUT.toSeconds()
                        + " s; their logs may say why");
                err.flush();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private SharedPool openPool(RedisEndpoint endpoint, String namespace) {
        SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint,
                ConnectionNames.cli(namespace, ProcessHandle.current().pid()), PoolSettings.defaults().withMaxTotal(1));
        try {
            pool.run(client -> client.ping());
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void checkFlags() {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers must be 1.." + MAX_WORKERS + ", was " + workers);
        }
        if (durationSeconds != null && durationSeconds < 1) {
            throw new IllegalArgumentException("--duration must be at least 1 second, was " + durationSeconds);
        }
    }

    private String workerClassPath() {
        if (workerClassPath != null) {
            return workerClassPath;
        }
        return EXAMPLE_WORKER.find().map(Path::toString).orElseThrow(() -> new IllegalArgumentException(
                "wmon-example-worker.jar not found next to the wmon CLI (looked at "
                        + String.join(", ", EXAMPLE_WORKER.candidates().stream().map(Path::toString)
                                .toArray(String[]::new))
                        + "); build it with ./mvnw -pl example-worker -am package"));
    }
}
