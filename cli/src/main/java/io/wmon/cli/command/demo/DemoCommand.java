package io.wmon.cli.command.demo;

import io.wmon.cli.fleetview.DisplaySettings;
import io.wmon.cli.fleetview.InterruptHook;
import io.wmon.cli.fleetview.RefreshLoop;
import io.wmon.cli.fleetview.StatusDisplay;
import io.wmon.cli.fleetview.StopSignal;
import io.wmon.cli.jvm.AgentJar;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.ExplicitOptions;
import io.wmon.cli.shell.RedisSession;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wmon demo [--workers N] [--duration SECONDS]}: a fleet to look at in one command.
 *
 * <p>Picks a Redis ({@link DemoRedis}), starts N example workers with the agent in namespace
 * {@code demo}, shows the fleet until Ctrl-C (or for {@code --duration}), then stops everything it
 * started. With two workers or more, the last one is frozen ({@code SIGSTOP}) a while after the view
 * starts, so that the view shows what a hung worker looks like: stale, then gone. Exit 0 when it
 * ran, 2 for bad flags or a missing jar, 3 when the chosen Redis cannot be reached, 1 when a worker
 * or the Redis would not start.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a Redis (unless one is given or answers on 127.0.0.1:6379) and N example workers "
                + "with the agent, and watch them; Ctrl-C stops everything it started."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok: stopped by Ctrl-C or at the end of --duration, everything it started stopped",
            "1:internal error, or a worker or Redis it started failed (their logs are kept)",
            "2:usage error: bad flags, no agent or example-worker jar",
            "3:the Redis given with --redis or WMON_REDIS_URL cannot be reached"})
public final class DemoCommand implements Callable<Integer> {

    /** The namespace the demo uses unless {@code -n} is given. */
    public static final String NAMESPACE = "demo";
    /** How often the fleet view is redrawn. */
    static final Duration REFRESH = Duration.ofSeconds(2);
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

    @Option(names = "--freeze-after", hidden = true, paramLabel = "SECONDS", defaultValue = "20",
            description = "Freeze the last worker this long after the view starts; 0 never (for tests).")
    int freezeAfterSeconds;

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
        FleetKeys keys = ExplicitOptions.typed(spec.commandLine(), "--namespace").isPresent() ? root.keys()
                : FleetKeys.of(NAMESPACE);
        Path agent = AgentJar.resolve(agentJar, spec.commandLine());
        String classPath = workerClassPath != null ? workerClassPath : WorkerLaunch.exampleWorker(spec.commandLine());
        PrintWriter err = spec.commandLine().getErr();
        DemoRun run = null;
        try {
            run = DemoRun.begin(err);
            DemoRedis redis = DemoRedis.choose(spec.commandLine(), root, startRedis, run, err);
            RedisSession session = run.own(RedisSession.open(redis.endpoint(), keys.namespace(), REFRESH));
            session.pool().run(client -> client.ping());
            err.println("wmon demo: Redis " + redis.describe() + ", namespace " + keys.namespace() + ", starting "
                    + workers + " workers (logs in " + run.logDir() + ")");
            err.flush();
            WorkerLaunch launch = new WorkerLaunch(agent, classPath, workerMain, redis.url(), keys.namespace(),
                    redis.chosenByUser());
            DemoWorkers started = run.startWorkers(launch, workers);
            started.awaitReady(READY_TIMEOUT);
            FleetReader reader = session.fleetReader(keys);
            DemoWorkers.awaitFirstBeats(reader, workers, FIRST_BEAT_TIMEOUT, err);
            List<String> banner = new ArrayList<>(List.of("worker logs: " + run.logDir()));
            freeze(started).ifPresent(line -> {
                banner.add(line);
                err.println("wmon demo: " + line);
                err.flush();
            });
            show(reader, keys.namespace(), redis.endpoint().redacted(), banner);
            return ExitCodes.OK;
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
     * Shows the fleet as {@code status --continuous} does, every {@link #REFRESH} on the session's one
     * connection, until Ctrl-C or the end of {@code --duration}.
     */
    @SuppressWarnings("try") // the hook works by being open, not by being called
    private void show(FleetReader reader, String namespace, String redis, List<String> banner) {
        // Cycles start every REFRESH and the last one does not wait: N cycles span (N - 1) * REFRESH.
        long maxCycles = durationSeconds == null ? 0 : durationSeconds / REFRESH.toSeconds() + 1;
        StopSignal stop = new StopSignal();
        try (InterruptHook hook = InterruptHook.install(stop);
                StatusDisplay display = StatusDisplay.forOutput(spec.commandLine().getOut(),
                        spec.commandLine().getErr(), false,
                        DisplaySettings.of(namespace, redis, REFRESH).withBanner(banner))) {
            new RefreshLoop(reader::read, display, REFRESH, maxCycles, stop).run();
        }
    }

    /** Schedules the freeze of the last worker; the line that announces it, or empty when none is frozen. */
    private Optional<String> freeze(DemoWorkers started) {
        if (workers < 2 || freezeAfterSeconds == 0) {
            return Optional.empty();
        }
        Duration delay = Duration.ofSeconds(freezeAfterSeconds);
        started.freezeLater(workers, delay, spec.commandLine().getErr());
        String at = DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalTime.now().plus(delay));
        return Optional.of(WorkerLaunch.workerId(workers) + " freezes at " + at + " (SIGSTOP, as a hung JVM): "
                + "STALE 3 s later, gone when its record expires 15 s after its last beat");
    }

    private void checkFlags() {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new ParameterException(spec.commandLine(),
                    "--workers must be 1.." + MAX_WORKERS + ", was " + workers);
        }
        if (freezeAfterSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--freeze-after must be 0 (never) or more, was " + freezeAfterSeconds);
        }
        if (durationSeconds != null && durationSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--duration must be at least 1 second, was " + durationSeconds);
        }
    }
}
