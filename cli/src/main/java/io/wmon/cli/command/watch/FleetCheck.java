package io.wmon.cli.command.watch;

import io.wmon.core.fleet.FleetReader;
import io.wmon.core.redis.RedisUnavailableException;
import io.wmon.core.upkeep.FleetUpkeep;
import java.util.function.Consumer;

/**
 * What {@code watch} does every {@value #EVERY_MILLIS} ms between its blocking reads, so that a user
 * who runs only {@code watch} sees a worker killed without a goodbye go stale: one fleet read and the
 * readers' upkeep ({@code stale} and {@code down} events, pruning). A user the ACL refuses the fleet
 * read gets one warning, and the checks stop; an outage is the caller's to handle.
 */
final class FleetCheck {

    /** Time between two fleet reads, ms. */
    static final long EVERY_MILLIS = 5_000;

    private final FleetReader reader;
    private final FleetUpkeep upkeep;
    private final Consumer<String> warnings;
    private long nextNanos = System.nanoTime();
    private boolean refused;

    FleetCheck(FleetReader reader, FleetUpkeep upkeep, Consumer<String> warnings) {
        this.reader = reader;
        this.upkeep = upkeep;
        this.warnings = warnings;
    }

    /**
     * Reads the fleet and does its upkeep when the time has come.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    void runIfDue() {
        if (refused || System.nanoTime() - nextNanos < 0) {
            return;
        }
        nextNanos = System.nanoTime() + EVERY_MILLIS * 1_000_000;
        try {
            upkeep.afterRead(reader.read());
        } catch (RedisUnavailableException e) {
            if (e.reason() != RedisUnavailableException.Reason.PERMISSION_DENIED) {
                throw e;
            }
            refused = true;
            warnings.accept(e.getMessage() + "; watch does not look for stale workers");
        } catch (IllegalStateException e) {
            refused = true; // the registry key holds another type: nothing to check
            warnings.accept(e.getMessage() + "; watch does not look for stale workers");
        }
    }
}
