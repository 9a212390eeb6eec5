package io.wmon.agent.fleet;

import io.wmon.core.event.EventBatch;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.event.StreamCursor;
import io.wmon.core.event.StreamFollower;
import io.wmon.core.event.StreamFollower.FollowStep;
import io.wmon.core.redis.DedicatedConnection;
import io.wmon.core.redis.RedisUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code wmon-fleet-events} thread: follows the namespace's event stream with {@code XREAD
 * BLOCK} on the agent's one dedicated connection ({@code wmon:stream:<ns>:<id>}) and hands what it
 * reads to the fleet cache, so the Fleet MBean shows a state change between two fleet reads.
 *
 * <p>It starts at the stream's end (what happens from now on), reads at most one batch per
 * {@value #PACE_MILLIS} ms (so a busy stream costs at most that many view updates a second), and
 * after a failure waits {@value #RETRY_MILLIS} ms before the next try, which the endpoint's circuit
 * breaker refuses without a connection attempt while it is open. Each step ({@link StreamFollower})
 * checks the stream and reads after the last entry read in one round trip; when the stream it
 * finds is not the one it was reading (Redis lost its data) it asks for a fresh read of the fleet
 * and follows the new stream.
 */
final class FleetEventFollower {

    /** How long one {@code XREAD} may wait for an entry, ms; below the 2 s socket timeout. */
    static final long BLOCK_MILLIS = 1_000;
    /** The least time between two reads of the stream, ms. */
    static final long PACE_MILLIS = 100;
    /** The wait after a failed read, ms. */
    static final long RETRY_MILLIS = 1_000;

    private final DedicatedConnection connection;
    private final EventStreamReader reader;
    private final Consumer<List<FleetEvent>> sink;
    private final Runnable streamLost;
    private final Consumer<String> refused;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param sink receives each batch of valid events, in stream order
     * @param streamLost called when the stream after a reconnect is not the one read before
     * @param refused called once, with the server's refusal, when an ACL refuses the stream's commands;
     *     the follower then stops for good
     */
    FleetEventFollower(DedicatedConnection connection, EventStreamReader reader, Consumer<List<FleetEvent>> sink,
            Runnable streamLost, Consumer<String> refused) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.streamLost = Objects.requireNonNull(streamLost, "streamLost");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.thread = new Thread(this::follow, "wmon-fleet-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void follow() {
        StreamFollower follower = null;
        while (running) {
            try {
                if (follower == null) {
                    follower = new StreamFollower(reader, StreamCursor.atEnd(connection.call(reader::state)));
                }
                StreamFollower current = follower;
                FollowStep step = connection.call(pipeline -> current.next(pipeline, BLOCK_MILLIS));
                if (step.resumption().isLost()) {
                    streamLost.run();
                }
                EventBatch batch = step.batch();
                if (!batch.isEmpty()) {
                    List<FleetEvent> events = new ArrayList<>();
                    batch.valid().forEach(decoded -> events.add(decoded.event()));
                    if (!events.isEmpty()) {
                        sink.accept(events);
                    }
                    pause(PACE_MILLIS);
                }
            } catch (RedisUnavailableException e) {
                if (e.reason() == RedisUnavailableException.Reason.PERMISSION_DENIED) {
                    // An ACL without XREAD or XINFO: retrying would only feed the breaker the heartbeats share.
                    refused.accept(e.getMessage());
                    running = false;
                    connection.close();
                    return;
                }
                pause(RETRY_MILLIS);
            } catch (RuntimeException e) {
                // Redis unreachable, the breaker open, the connection closed at stop: the next step tries again
                // after the pause; the cursor stays, and the step checks the stream it finds.
                pause(RETRY_MILLIS);
            }
        }
    }

    private void pause(long millis) {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Stops following and closes the connection, which ends a read in progress at once. */
    void stop() {
        running = false;
        thread.interrupt();
        connection.close();
    }
}
