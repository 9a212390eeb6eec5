package io.wmon.cli.command.status;

import io.wmon.cli.text.SafeText;
import io.wmon.cli.text.Units;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.BreakerState;
import io.wmon.core.record.WorkerRecord;

/**
 * What {@code status --check} fails on, one reason per failing worker: a stale worker, or an alive
 * one whose record says its circuit breaker is {@code OPEN} or its connection-leak alarm is raised
 * ({@code leak=1}).
 *
 * <p>A record that says nothing about a breaker ({@link BreakerState#UNKNOWN}: an older agent, or
 * something else that writes records) never fails the check. Gone and invalid entries do not count.
 * Ids come from Redis: they are escaped and cut like the table's.
 */
final class HealthCheck {

    /** The widest id shown, as in the table. */
    private static final int ID_WIDTH = 128;
    /** The widest problem shown, as in the table's invalid lines. */
    private static final int PROBLEM_WIDTH = 512;

    private HealthCheck() {
    }

    /**
     * The line of a failing worker, or {@code null} when {@code entry} does not fail the check:
     * {@code worker ingest-2 is stale: last beat 48s ago, stale after 15s},
     * {@code worker ingest-3 reports its circuit breaker OPEN},
     * {@code worker ingest-4 raised the connection-leak alarm: 43 Redis sockets, 42 the application's}.
     * A worker with both an open breaker and the alarm gets the breaker's line.
     */
    static String failure(WorkerEntry entry) {
        String worker = "worker " + SafeText.escape(entry.id(), ID_WIDTH);
        String skew = clockSkew(entry);
        if (skew != null) {
            return worker + " is stale: " + SafeText.escape(skew, PROBLEM_WIDTH);
        } else if (entry.status() == EntryStatus.STALE) {
            return worker + " is stale: last beat " + Units.age(entry.ageMillis()) + " ago, stale after "
                    + Units.age(entry.staleAfterMillis());
        } else if (entry.status() == EntryStatus.ALIVE && entry.record().breaker() == BreakerState.OPEN) {
            return worker + " reports its circuit breaker OPEN";
        } else if (entry.status() == EntryStatus.ALIVE && entry.record().leakAlarm()) {
            return worker + " raised the connection-leak alarm" + sockets(entry.record());
        }
        return null;
    }

    private static String sockets(WorkerRecord r) {
        if (r.redisSocketCount() < 0) {
            return "";
        }
        return ": " + r.redisSocketCount() + " Redis sockets"
                + (r.appRedisSocketCount() < 0 ? "" : ", " + r.appRedisSocketCount() + " the application's");
    }

    /** The clock-skew problem of a stale entry whose beat is in the future, or {@code null}. */
    private static String clockSkew(WorkerEntry entry) {
        if (entry.status() != EntryStatus.STALE) {
            return null;
        }
        return entry.problems().stream().filter(p -> p.startsWith(WorkerEntry.CLOCK_SKEW)).findFirst().orElse(null);
    }
}
