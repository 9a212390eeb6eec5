package io.wmon.cli.fleetview;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code --continuous} display shows besides the fleet: where it reads, how often, which
 * workers, and lines to keep on screen above the table (the demo's log folder).
 *
 * @param namespace the namespace read
 * @param redis the endpoint, already redacted
 * @param interval time between reads
 * @param query which workers to show, in which order
 * @param banner lines a terminal view keeps under its title; a stream shows none (they went to stderr already)
 */
public record DisplaySettings(String namespace, String redis, Duration interval, FleetQuery query,
        List<String> banner) {

    public DisplaySettings {
        banner = List.copyOf(banner);
    }

    /** Every worker, no banner. */
    public static DisplaySettings of(String namespace, String redis, Duration interval) {
        return new DisplaySettings(namespace, redis, interval, FleetQuery.all(), List.of());
    }

    public DisplaySettings withQuery(FleetQuery newQuery) {
        return new DisplaySettings(namespace, redis, interval, newQuery, banner);
    }

    public DisplaySettings withBanner(List<String> lines) {
        return new DisplaySettings(namespace, redis, interval, query, lines);
    }
}
