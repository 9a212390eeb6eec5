/**
 * What every fleet reader does after a read: it records a worker that went stale or gone as a
 * {@code stale} or {@code down} event, once per episode however many readers run, and prunes gone
 * registry members at most once a minute under the namespace's prune-lock.
 */
package io.wmon.core.upkeep;
