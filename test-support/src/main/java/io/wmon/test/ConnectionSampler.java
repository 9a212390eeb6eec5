package io.wmon.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Snapshots of the server's {@code CLIENT LIST} taken every 200 ms over a while, to check that a
 * connection budget holds throughout and not only at one instant.
 *
 * <p>The harness's own connections (named {@value RedisProbe#HARNESS_NAME_PREFIX}…) are left out
 * of every snapshot.
 */
public final class ConnectionSampler {

    private static final Duration PERIOD = Duration.ofMillis(200);

    private final List<List<ClientInfo>> snapshots;

    private ConnectionSampler(List<List<ClientInfo>> snapshots) {
        this.snapshots = snapshots;
    }

    /** Samples the connections other than the harness's own during {@code during}; at least one snapshot. */
    public static ConnectionSampler sample(RedisProbe probe, Duration during) {
        List<List<ClientInfo>> snapshots = new ArrayList<>();
        long end = System.nanoTime() + during.toNanos();
        do {
            snapshots.add(probe.clients().stream()
                    .filter(client -> !client.name().startsWith(RedisProbe.HARNESS_NAME_PREFIX))
                    .toList());
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } while (System.nanoTime() < end);
        return new ConnectionSampler(snapshots);
    }

    /** How many snapshots were taken. */
    public int size() {
        return snapshots.size();
    }

    /** The largest number of connections matching {@code filter} in any one snapshot. */
    public long max(Predicate<ClientInfo> filter) {
        return snapshots.stream().mapToLong(clients -> clients.stream().filter(filter).count()).max().orElse(0);
    }

    /** The largest number of connections in any one snapshot. */
    public long max() {
        return max(client -> true);
    }

    /** Every connection matching {@code filter} seen in any snapshot (by id, first sighting). */
    public List<ClientInfo> seen(Predicate<ClientInfo> filter) {
        List<ClientInfo> seen = new ArrayList<>();
        snapshots.stream().flatMap(List::stream).filter(filter)
                .filter(client -> seen.stream().noneMatch(known -> known.id() == client.id()))
                .forEach(seen::add);
        return seen;
    }

    /** Connections whose name starts with {@code prefix}. */
    public static Predicate<ClientInfo> named(String prefix) {
        return client -> client.name().startsWith(prefix);
    }
}
