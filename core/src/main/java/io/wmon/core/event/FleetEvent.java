package io.wmon.core.event;

import java.util.Objects;

/**
 * One event of the stream, as the contract defines it: {@code type}, {@code worker}, {@code from},
 * {@code to}, {@code ts} (epoch ms) and a free-text {@code detail}. Immutable; texts are never null
 * ({@code ""} when there is nothing to say).
 */
public final class FleetEvent {

    private final EventType type;
    private final String worker;
    private final String from;
    private final String to;
    private final long tsMillis;
    private final String detail;

    private FleetEvent(EventType type, String worker, String from, String to, long tsMillis, String detail) {
        this.type = Objects.requireNonNull(type, "type");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.from = from == null ? "" : from;
        this.to = to == null ? "" : to;
        this.tsMillis = tsMillis;
        this.detail = detail == null ? "" : detail;
    }

    /**
     * An event; null texts become {@code ""}.
     *
     * @param tsMillis when it happened, epoch ms
     */
    public static FleetEvent of(EventType type, String worker, String from, String to, long tsMillis, String detail) {
        return new FleetEvent(type, worker, from, to, tsMillis, detail);
    }

    public EventType type() {
        return type;
    }

    /** The worker id the event is about (as written; a reader gets whatever text the entry held). */
    public String worker() {
        return worker;
    }

    /** The state before: a worker state, a breaker state, a count; {@code ""} when the type has none. */
    public String from() {
        return from;
    }

    /** The state after, as {@link #from()}. */
    public String to() {
        return to;
    }

    /** When it happened, epoch ms of the writer's clock. */
    public long tsMillis() {
        return tsMillis;
    }

    public String detail() {
        return detail;
    }

    /** The same event with another detail. */
    public FleetEvent withDetail(String newDetail) {
        return new FleetEvent(type, worker, from, to, tsMillis, newDetail);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FleetEvent)) {
            return false;
        }
        FleetEvent e = (FleetEvent) o;
        return type == e.type && tsMillis == e.tsMillis && worker.equals(e.worker) && from.equals(e.from)
                && to.equals(e.to) && detail.equals(e.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, worker, from, to, tsMillis, detail);
    }

    @Override
    public String toString() {
        return type.wire() + " " + worker + " " + from + "->" + to + " @" + tsMillis
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
