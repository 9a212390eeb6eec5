package io.wmon.core.upkeep;

import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.heartbeat.HeartbeatWriter;
import io.wmon.core.record.WorkerRecord;
import java.util.Locale;

/**
 * One stretch of a worker's silence that deserves one event: stale since its beat {@code B}, or
 * gone (record expired) since that beat. Its guard key names the worker and the beat, so that a
 * worker that beats again and falls silent again makes a new episode.
 */
final class Episode {

    /**
     * How long the guard of a gone worker lives, s. A gone member stays until a reader prunes it (at most
     * a minute after the first reader that may prune sees it); a registry nobody may prune keeps it, and
     * then its {@code down} event is repeated once a day, never more.
     */
    static final long GONE_GUARD_SECONDS = 86_400;
    /**
     * Added to a stale guard's life beyond the record's own expiry, s: the stale episode of beat {@code B}
     * ends when the record expires (at most max(3 × interval, 15 s) after {@code B}; the worker is then gone),
     * and the guard, set at least stale-after past {@code B}, outlives it by this margin for clocks that differ.
     */
    static final long STALE_GUARD_MARGIN_SECONDS = 60;

    private final String guardKey;
    private final long guardSeconds;
    private final FleetEvent event;

    private Episode(String guardKey, long guardSeconds, FleetEvent event) {
        this.guardKey = guardKey;
        this.guardSeconds = guardSeconds;
        this.event = event;
    }

    /** The episode {@code entry} is in, or null when it is alive or invalid. */
    static Episode of(WorkerEntry entry, FleetKeys keys, long nowMillis) {
        if (entry.status() == EntryStatus.GONE) {
            String detail = "its record expired; no beat for " + seconds(entry.ageMillis());
            return new Episode(keys.episodeGuard("down", entry.id(), entry.beatMillis()), GONE_GUARD_SECONDS,
                    FleetEvent.of(EventType.DOWN, entry.id(), "", "", nowMillis, detail));
        }
        if (entry.record() == null || !entry.isStaleByDefault()) {
            return null;
        }
        WorkerRecord record = entry.record();
        long interval = Math.min(record.intervalMillis(), WorkerRecord.MAX_INTERVAL_MILLIS);
        long recordSeconds = (HeartbeatWriter.ttlMillis(interval) + 999) / 1_000;
        String detail = "no beat for " + seconds(entry.ageMillis()) + " (stale after "
                + seconds(WorkerEntry.defaultStaleAfterMillis(interval)) + ")";
        return new Episode(keys.episodeGuard("stale", entry.id(), record.beatMillis()),
                recordSeconds + STALE_GUARD_MARGIN_SECONDS,
                FleetEvent.of(EventType.STALE, entry.id(), record.state().wire(), "", nowMillis, detail));
    }

    static String seconds(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : millis / 1000 + " s";
    }

    String guardKey() {
        return guardKey;
    }

    long guardSeconds() {
        return guardSeconds;
    }

    FleetEvent event() {
        return event;
    }
}
