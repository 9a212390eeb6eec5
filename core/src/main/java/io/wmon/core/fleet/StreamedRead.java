package io.wmon.core.fleet;

/**
 * What a streamed read ({@link FleetReader#stream}) leaves once its entries went to the
 * {@link FleetStream}: the counts of the whole fleet, and the entries the readers' upkeep acts on
 * (gone, or stale by the contract's rule), so that nothing else of the fleet stays in memory.
 */
public final class StreamedRead {

    private final FleetCounts counts;
    private final FleetSnapshot silent;

    StreamedRead(FleetCounts counts, FleetSnapshot silent) {
        this.counts = counts;
        this.silent = silent;
    }

    public FleetCounts counts() {
        return counts;
    }

    /**
     * The gone entries and those stale by the contract's rule ({@link WorkerEntry#isStaleByDefault()}),
     * by id: all that {@code FleetUpkeep.afterRead} needs of a read.
     */
    public FleetSnapshot silent() {
        return silent;
    }

    /** Network round trips the read took. */
    public int roundTrips() {
        return silent.roundTrips();
    }
}
