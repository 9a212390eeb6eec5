package io.wmon.cli.fleetview;

import io.wmon.core.fleet.FleetCounts;
import io.wmon.core.fleet.WorkerEntry;

/** Where a streamed {@code status} puts its rows: the JSON document or the table. Calls come one at a time. */
interface StatusRows {

    /** The registry was read; ages are measured against {@code generatedAtMillis}. */
    void start(String namespace, long generatedAtMillis);

    /** The next entry shown, in the output's order. */
    void row(WorkerEntry entry);

    /** A batch ended: what can be written so far may leave. */
    void flush();

    /** Every entry was given: {@code counts} is the whole fleet's, {@code shown} the entries given. */
    void finish(FleetCounts counts, int shown);

    /** The read failed after {@link #start}: end the output so that it stays whole, naming {@code line}. */
    void fail(String line);
}
