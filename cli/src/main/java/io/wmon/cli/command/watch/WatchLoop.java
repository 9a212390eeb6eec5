package io.wmon.cli.command.watch;

import io.wmon.cli.fleetview.StopSignal;
import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.event.StreamCursor;
import io.wmon.core.event.StreamFollower;
import io.wmon.core.event.StreamState;
import io.wmon.core.redis.RedisPipelines;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.redis.SharedPool;
import java.io.PrintWriter;
import java.time.Duration;
import redis.clients.jedis.AbstractPipeline;

/**
 * The {@code watch} loop on the session's one connection: a step of the {@link StreamFollower}
 * ({@code XINFO STREAM} + {@code XREAD BLOCK} {@value #BLOCK_MILLIS} ms, one round trip), print what
 * matches, and now and then a {@link FleetCheck}; until stopped.
 *
 * <p>The block stays below the 2 s socket timeout, so a frozen Redis fails a step instead of holding
 * it. A step that cannot reach Redis starts an outage: one line, then a retry every
 * {@link #RETRY}, spaced further by the session's circuit breaker while the outage lasts; the first
 * step that succeeds ends it with one more line and goes on after the last event shown, or, when the
 * stream was lost meanwhile, from the start of the new one. Only a database the server does not
 * have ends the loop (no retry fixes the URL). The start is not retried: a Redis that cannot be
 * reached at start is the command's exit 3.
 */
final class WatchLoop {

    /** How long one {@code XREAD} waits for an event, ms: below the 2 s socket timeout. */
    static final long BLOCK_MILLIS = 1_000;
    /** How long the loop waits after a failed step; the breaker may refuse the next one at once. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final SharedPool pool;
    private final EventStreamReader reader;
    private final StartPoint since;
    private final EventFilter filter;
    private final EventPrinter printer;
    private final PrintWriter out;
    private final WatchNotices notices;
    private final FleetCheck fleetCheck;
    private final StopSignal stop;
    private long outageStartedNanos = -1;

    WatchLoop(SharedPool pool, EventStreamReader reader, StartPoint since, EventFilter filter, EventPrinter printer,
            PrintWriter out, WatchNotices notices, FleetCheck fleetCheck, StopSignal stop) {
        this.pool = pool;
        this.reader = reader;
        this.since = since;
        this.filter = filter;
        this.printer = printer;
        this.out = out;
        this.notices = notices;
        this.fleetCheck = fleetCheck;
        this.stop = stop;
    }

    /**
     * Follows the stream until stopped.
     *
     * @throws RedisUnavailableException when Redis cannot be used at start, or has no such database
     * @throws IllegalStateException when the stream key holds another type
     */
    void run() {
        StreamFollower follower = new StreamFollower(reader, startCursor());
        while (!stop.isRequested()) {
            try {
                fleetCheck.runIfDue();
                StreamFollower.FollowStep step = pool.call(client -> {
                    try (AbstractPipeline pipeline = RedisPipelines.open(client)) {
                        return follower.next(pipeline, BLOCK_MILLIS);
                    }
                });
                if (outageStartedNanos >= 0) {
                    notices.reconnected((System.nanoTime() - outageStartedNanos) / 1_000_000);
                    outageStartedNanos = -1;
                }
                notices.resumed(step.resumption());
                show(step);
            } catch (RedisUnavailableException e) {
                if (e.reason() == RedisUnavailableException.Reason.NO_SUCH_DATABASE) {
                    throw e;
                }
                if (outageStartedNanos < 0) {
                    outageStartedNanos = System.nanoTime();
                    notices.outage(e.getMessage(), follower.cursor().position());
                }
                stop.await(RETRY);
            }
        }
    }

    private StreamCursor startCursor() {
        StreamState state = pool.call(client -> reader.state(client));
        if (since.isBeyond(state)) {
            notices.beyond(since.toString(), state.lastGeneratedId());
            return StartPoint.NOW.cursor(state);
        }
        return since.cursor(state);
    }

    private void show(StreamFollower.FollowStep step) {
        notices.skipped(step.batch());
        boolean printed = false;
        for (DecodedEvent entry : step.batch().valid()) {
            if (filter.matches(entry.event())) {
                printer.print(entry);
                printed = true;
            }
        }
        if (printed) {
            out.flush();
        }
    }
}
