package io.wmon.cli.command.status;

import io.wmon.cli.text.Units;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.BreakerState;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status --check} fails on, one reason per failing worker: a stale worker, or an alive
 * one whose record says its circuit breaker is {@code OPEN}.
 *
 * <p>The agent does not write the {@code breaker} field yet, so its records read as
 * {@link BreakerState#UNKNOWN}, which never fails the check: only a record that says {@code OPEN}
 * does, not one that says nothing. Gone and invalid entries do not count.
 */
final class HealthCheck {

    private HealthCheck() {
    }

    /**
     * One line per failing worker, by id: {@code worker ingest-2 is stale: last beat 48s ago, stale after 15s},
     * {@code worker ingest-3 reports its circuit breaker OPEN}; empty when the fleet is healthy.
     */
    static List<String> failures(FleetSnapshot snapshot) {
        List<String> failures = new ArrayList<>();
        for (WorkerEntry entry : snapshot.workers()) {
            if (entry.status() == EntryStatus.STALE) {
                failures.add("worker " + entry.id() + " is stale: last beat " + Units.age(entry.ageMillis())
                        + " ago, stale after " + Units.age(entry.staleAfterMillis()));
            } else if (entry.status() == EntryStatus.ALIVE && entry.record().breaker() == BreakerState.OPEN) {
                failures.add("worker " + entry.id() + " reports its circuit breaker OPEN");
            }
        }
        return failures;
    }
}
