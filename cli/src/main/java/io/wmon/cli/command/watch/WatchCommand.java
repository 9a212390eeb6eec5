package io.wmon.cli.command.watch;

import io.wmon.cli.fleetview.InterruptHook;
import io.wmon.cli.fleetview.StopSignal;
import io.wmon.cli.fleetview.Terminal;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.JsonOption;
import io.wmon.cli.shell.RedisSession;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.upkeep.FleetUpkeep;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wmon watch}: follows the namespace's event stream on the CLI's one connection until Ctrl-C
 * or SIGTERM (both exit 0), printing each event as it arrives.
 */
@Command(name = "watch", sortOptions = false,
        description = "Follow the fleet's events (workers up, down, stale, state changes, breaker, pool exhaustion)"
                + " as they happen, on one Redis connection, until Ctrl-C.",
        footer = "%nSee docs/cli.md for the output formats.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by Ctrl-C or SIGTERM", "1:internal error, or an event stream key of another type",
            "2:usage error, a database the Redis server does not have, or a master the sentinels do not monitor",
            "3:Redis unreachable at start, or refused us: credentials, maxclients, an ACL permission; or not Redis"})
public final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WmonCommand root;

    @Mixin
    JsonOption json;

    @Option(names = "--since", paramLabel = "ID|now|start", defaultValue = "now",
            converter = StartPoint.Converter.class,
            description = "Where to start: now (default: only new events), start (every event still in the stream),"
                    + " or after a stream id such as the id of the last event seen.")
    StartPoint since;

    @Mixin
    WatchFilterOptions filters;

    private StopSignal stopSignal;

    /** Makes the next run stop when {@code stop} is requested, besides Ctrl-C and SIGTERM; for embedding and tests. */
    public WatchCommand stopOn(StopSignal stop) {
        this.stopSignal = stop;
        return this;
    }

    @Override
    @SuppressWarnings("try") // the hook works by being open, not by being called
    public Integer call() {
        FleetKeys keys = root.keys();
        StopSignal stop = stopSignal != null ? stopSignal : new StopSignal();
        PrintWriter out = spec.commandLine().getOut();
        WatchNotices notices = new WatchNotices(spec.commandLine().getErr(), keys.events());
        try (InterruptHook hook = InterruptHook.onInterruptAndTerm(stop);
                RedisSession session = RedisSession.open(root, WatchLoop.RETRY)) {
            FleetCheck fleetCheck = new FleetCheck(session.fleetReader(keys),
                    new FleetUpkeep(session.pool(), keys, Clock.systemUTC(), notices::warning), notices::warning);
            new WatchLoop(session.pool(), new EventStreamReader(keys), since, filters.filter(),
                    EventPrinter.forOutput(out, json.enabled(), Terminal.colour()), out, notices, fleetCheck, stop)
                    .run();
        }
        return ExitCodes.OK;
    }
}
