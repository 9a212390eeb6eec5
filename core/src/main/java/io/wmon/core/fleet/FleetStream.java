package io.wmon.core.fleet;

import java.util.List;

/**
 * Receives a streamed read ({@link FleetReader#stream}) while it goes on: the registry's size
 * first, then every entry, classified, one batch at a time in id order.
 *
 * <p>The calls come one after the other, never two at once, but possibly on another thread than
 * the one that called {@code stream} (the reader's decoder), while the next batch crosses the
 * network. An exception thrown here ends the read and reaches the caller of {@code stream}.
 */
public interface FleetStream {

    /**
     * The registry was read; no batch has been given yet.
     *
     * @param generatedAtMillis the instant ages are measured against, epoch ms
     * @param workerCount the registry's members, every one of which will be in a batch
     */
    void start(String namespace, long generatedAtMillis, int workerCount);

    /** The next entries in id order; the list is not kept by the reader. */
    void batch(List<WorkerEntry> entries);
}
