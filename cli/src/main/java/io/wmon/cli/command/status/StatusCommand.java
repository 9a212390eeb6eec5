package io.wmon.cli.command.status;

import io.wmon.cli.fleetview.Attention;
import io.wmon.cli.fleetview.DisplaySettings;
import io.wmon.cli.fleetview.EmptyNamespaceHint;
import io.wmon.cli.fleetview.FleetQuery;
import io.wmon.cli.fleetview.InterruptHook;
import io.wmon.cli.fleetview.EventFedFleetRead;
import io.wmon.cli.fleetview.RefreshLoop;
import io.wmon.cli.fleetview.StatusDisplay;
import io.wmon.cli.fleetview.StatusView;
import io.wmon.cli.fleetview.StreamedStatus;
import io.wmon.cli.fleetview.StopSignal;
import io.wmon.cli.fleetview.Terminal;
import io.wmon.cli.shell.ErrorMapper;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.JsonOption;
import io.wmon.cli.shell.RedisSession;
import io.wmon.cli.shell.UsageError;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.TextTable;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.FleetReader;
import io.wmon.core.fleet.StreamedRead;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.upkeep.FleetUpkeep;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wmon status}: the fleet read from Redis on the CLI's one connection, once or every
 * interval ({@code --continuous}) on that same connection. After each read it does the readers'
 * upkeep ({@link FleetUpkeep}: {@code stale} and {@code down} events, pruning), on that connection too.
 */
@Command(name = "status", sortOptions = false,
        description = "Show the fleet: every worker, alive, stale, gone or invalid, read on one Redis connection.",
        footer = "%nSee docs/cli.md for the output formats.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:internal error", "2:usage error, a database the Redis server does not have, or a master the sentinels do not monitor",
            "3:Redis unreachable, or refused us: credentials, maxclients, an ACL permission; or not Redis",
            "4:with --check: a stale worker, or an alive worker whose record says its breaker is OPEN "
                + "or its connection-leak alarm is raised (one stderr line each)"})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WmonCommand root;

    @Mixin
    JsonOption json;

    @Option(names = {"-c", "--continuous"},
            description = "Refresh every interval on the same connection until Ctrl-C.")
    boolean continuous;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", defaultValue = "5",
            converter = SecondsConverter.class,
            description = "Seconds between refreshes with --continuous; decimals allowed (default: 5).")
    Duration interval;

    @Option(names = "--stale-after", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "A worker is stale when its last beat is this old (default: 3 x its own interval).")
    Duration staleAfter;

    @Option(names = "--check",
            description = "Exit 4 when a worker is stale, or an alive worker's record says its breaker is OPEN or "
                    + "its connection-leak alarm is raised; not with --continuous.")
    boolean check;

    @Mixin
    ViewOptions view;

    long maxCycles;

    /** For tests and benchmarks: stop after N cycles. Hidden from the usage help; documented in docs/cli.md. */
    @Option(names = "--max-cycles", paramLabel = "N", hidden = true, defaultValue = "0")
    void maxCycles(long value) {
        // Checked as picocli parses it, so that the mistake is shown with the usage help.
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), "--max-cycles must be 0 (no limit) or more");
        }
        maxCycles = value;
    }

    private StopSignal stopSignal;

    /**
     * Makes the next {@code --continuous} run stop when {@code stop} is requested, besides Ctrl-C;
     * for embedding the command, and for tests that end a run they started.
     */
    public StatusCommand stopOn(StopSignal stop) {
        this.stopSignal = stop;
        return this;
    }

    @Override
    public Integer call() {
        checkOptionCombinations();
        FleetKeys keys = root.keys();
        String redis = root.endpoint().redacted();
        return continuous ? continuous(keys, redis) : once(keys, redis);
    }

    /**
     * One read, streamed: each batch's workers go to stdout as soon as they are classified, while
     * the next batch crosses the network (see {@link StreamedStatus} for what is held and when).
     * The upkeep and the empty-namespace hint follow the output, on the same connection.
     */
    private int once(FleetKeys keys, String redis) {
        FleetQuery query = view.query();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StreamedStatus output = json.enabled() ? StreamedStatus.json(out, query, redis)
                : StreamedStatus.table(out, new StatusView(redis, Terminal.colour(), false, query, Attention.once()),
                        query, TextTable.UNLIMITED);
        List<String> failures = new ArrayList<>();
        if (check) {
            output.onShown(entry -> {
                String failure = HealthCheck.failure(entry);
                if (failure != null) {
                    failures.add(failure);
                }
            });
        }
        try (RedisSession session = RedisSession.open(root)) {
            StreamedRead read;
            try {
                read = session.fleetReader(keys).stream(staleAfter, output);
            } catch (RuntimeException e) {
                // Whatever went out stays whole: the document ends with "error"; the exit code says it failed.
                output.fail(ErrorMapper.line(e));
                throw e;
            }
            output.finish(read.counts());
            new FleetUpkeep(session.pool(), keys, Clock.systemUTC(), warning -> {
                err.println("wmon: warning: " + SafeText.escape(warning));
                err.flush();
            }).afterRead(read.silent());
            explainIfEmpty(read.counts().workerCount(), session, keys);
        }
        return check ? checkHealth(failures) : ExitCodes.OK;
    }

    /**
     * An empty namespace gets a line on stderr naming those that have workers; only then is there a
     * SCAN. The read succeeded, so Redis going away before the hint only loses the hint.
     */
    private void explainIfEmpty(int workerCount, RedisSession session, FleetKeys keys) {
        if (workerCount == 0) {
            String hint;
            try {
                hint = EmptyNamespaceHint.explain(session.pool(), keys);
            } catch (RedisUnavailableException e) {
                return;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println(hint);
            err.flush();
        }
    }

    /** Flags that only make sense together, or never: a usage error naming both, before Redis is touched. */
    private void checkOptionCombinations() {
        if (check && continuous) {
            throw UsageError.misuse(spec.commandLine(),
                    "--check cannot be combined with --continuous: --check answers once, with an exit code");
        }
        if (!continuous && spec.commandLine().getParseResult().hasMatchedOption("--interval")) {
            throw UsageError.misuse(spec.commandLine(),
                    "--interval applies only with --continuous: add -c, or leave --interval out");
        }
    }

    /** {@code --check}: one stderr line per failing worker, the data on stdout unchanged; exit 4 when any fails. */
    private int checkHealth(List<String> failures) {
        PrintWriter err = spec.commandLine().getErr();
        failures.forEach(failure -> err.println("wmon: unhealthy: " + failure));
        err.flush();
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
    }

    @SuppressWarnings("try") // the hook works by being open, not by being called
    private int continuous(FleetKeys keys, String redis) {
        StopSignal stop = stopSignal != null ? stopSignal : new StopSignal();
        PrintWriter out = spec.commandLine().getOut();
        DisplaySettings settings = DisplaySettings.of(keys.namespace(), redis, interval).withQuery(view.query());
        try (InterruptHook hook = InterruptHook.install(stop);
                RedisSession session = RedisSession.open(root, interval);
                StatusDisplay display = StatusDisplay.forOutput(out, spec.commandLine().getErr(), json.enabled(),
                        settings)) {
            FleetReader reader = session.fleetReader(keys);
            FleetUpkeep upkeep = new FleetUpkeep(session.pool(), keys, Clock.systemUTC(), display::showWarning);
            EventFedFleetRead read = new EventFedFleetRead(session.pool(), reader, keys, staleAfter, Clock.systemUTC());
            new RefreshLoop(() -> upkeep.afterRead(read.get()), display, interval, maxCycles, stop)
                    .explainEmpty(() -> EmptyNamespaceHint.explain(session.pool(), keys)).run();
        }
        return ExitCodes.OK;
    }
}
