package io.wmon.it.harness;

import io.wmon.test.ClientInfo;
import io.wmon.test.RedisProbe;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Samples the server's {@code CLIENT LIST} over a while, to check a connection budget holds throughout. */
public final class ConnectionSampler {

    private static final Duration PERIOD = Duration.ofMillis(200);

    private ConnectionSampler() {
    }

    /**
     * The largest number of connections matching {@code filter} seen in samples taken every 200 ms
     * during {@code during}.
     */
    public static long maxClients(RedisProbe probe, Predicate<ClientInfo> filter, Duration during) {
        long max = 0;
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            List<ClientInfo> clients = probe.clients();
            max = Math.max(max, clients.stream().filter(filter).count());
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return max;
    }

    /** Connections whose name starts with {@code prefix}. */
    public static Predicate<ClientInfo> named(String prefix) {
        return client -> client.name().startsWith(prefix);
    }

    /** Connections that are not the tests' own (the probe excludes itself; this excludes the fleet reader). */
    public static Predicate<ClientInfo> notTheTests() {
        return client -> !client.name().equals(FleetRedis.CLIENT_NAME);
    }
}
