package io.wmon.cli.fleetview;

import static io.wmon.cli.shell.JsonOutput.count;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wmon.cli.shell.JsonOutput;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetCounts;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.record.WorkerState;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The {@code status --json} document of the design, one line per snapshot.
 *
 * <p>Fields of the design keep their names; additions (documented in docs/cli.md):
 * {@code summary.gone}, {@code summary.invalid}, the other states ({@code summary.starting},
 * {@code paused}, {@code stopping}, {@code stopped}), {@code summary.shown} and {@code filter}, and
 * per worker {@code status}, {@code staleAfterMillis}, {@code pool.exhausted}, {@code leak}, {@code sockets} and
 * {@code problems}.
 * The summary counts the whole fleet; {@code workers} holds the entries a {@link FleetQuery} shows,
 * in its order. The {@code summary} comes after {@code workers}, so that the one-shot read can
 * write each batch of workers as it arrives ({@link StatusJsonStream}); key order is not part of
 * the contract, names are. Unknown numbers are {@code null}; a worker without a readable record (gone,
 * invalid) has null record fields. Values are written whole, never cut: JSON escapes them.
 */
public final class StatusJson {

    private StatusJson() {
    }

    /** Writes the document of every worker in {@code snapshot} read from {@code redis} (already redacted). */
    public static void write(Writer out, FleetSnapshot snapshot, String redis) {
        write(out, snapshot, FleetQuery.all(), redis);
    }

    /** Writes the document for {@code snapshot}, the workers {@code query} shows in its order. */
    public static void write(Writer out, FleetSnapshot snapshot, FleetQuery query, String redis) {
        StatusJsonStream document = new StatusJsonStream(out, query, redis);
        document.start(snapshot.namespace(), snapshot.generatedAtMillis());
        int shown = 0;
        for (WorkerEntry entry : query.order(query.select(snapshot))) {
            document.row(entry);
            shown++;
        }
        document.finish(FleetCounts.of(snapshot), shown);
    }

    /** The {@code summary} object: the whole fleet's {@code counts}, and {@code shown} entries listed. */
    static void summary(JsonGenerator json, FleetCounts counts, int shown) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeNumberField("workers", counts.workerCount());
        json.writeNumberField("alive", counts.aliveCount());
        json.writeNumberField("stale", counts.staleCount());
        json.writeNumberField("busy", counts.stateCount(WorkerState.BUSY));
        json.writeNumberField("idle", counts.stateCount(WorkerState.IDLE));
        json.writeNumberField("gone", counts.goneCount());
        json.writeNumberField("invalid", counts.invalidCount());
        json.writeNumberField("starting", counts.stateCount(WorkerState.STARTING));
        json.writeNumberField("paused", counts.stateCount(WorkerState.PAUSED));
        json.writeNumberField("stopping", counts.stateCount(WorkerState.STOPPING));
        json.writeNumberField("stopped", counts.stateCount(WorkerState.STOPPED));
        json.writeNumberField("shown", shown);
        json.writeEndObject();
    }

    /**
     * The document of a {@code --continuous} cycle whose read failed: no summary and no workers,
     * but {@code error}, so that a consumer of the stream sees the outage as it happens.
     */
    public static void writeOutage(Writer out, String namespace, String redis, long atMillis, String error) {
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            json.writeStringField("namespace", namespace);
            json.writeStringField("redis", redis);
            json.writeNumberField("generatedAtMillis", atMillis);
            json.writeStringField("error", error);
            json.writeEndObject();
        });
    }

    /** {@code "filter": null}, or the filter's kinds, each an array or null when it does not filter. */
    static void filter(JsonGenerator json, FleetQuery query) throws IOException {
        if (!query.filters()) {
            json.writeNullField("filter");
            return;
        }
        json.writeObjectFieldStart("filter");
        strings(json, "state", query.states());
        strings(json, "status", query.statuses());
        strings(json, "id", query.ids());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            json.writeNullField(name);
            return;
        }
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    static void worker(JsonGenerator json, WorkerEntry entry) throws IOException {
        WorkerRecord r = entry.record();
        json.writeStartObject();
        json.writeStringField("id", entry.id());
        json.writeStringField("status", entry.status().name().toLowerCase(Locale.ROOT));
        json.writeStringField("host", r == null ? null : r.host());
        count(json, "pid", r == null ? -1 : r.pid());
        json.writeStringField("state", r == null ? null : r.state().wire());
        json.writeStringField("job", r == null ? null : r.job());
        json.writeNumberField("beatMillis", entry.beatMillis());
        json.writeNumberField("ageMillis", entry.ageMillis());
        json.writeBooleanField("stale", entry.status() == EntryStatus.STALE);
        count(json, "staleAfterMillis", entry.staleAfterMillis());
        count(json, "processed", r == null ? -1 : r.processedCount());
        count(json, "failed", r == null ? -1 : r.failedCount());
        if (r == null) {
            json.writeNullField("pool");
        } else {
            json.writeObjectFieldStart("pool");
            count(json, "active", r.poolActive());
            count(json, "idle", r.poolIdle());
            count(json, "waiters", r.poolWaiters());
            count(json, "max", r.poolMaxTotal());
            count(json, "exhausted", r.poolExhaustedCount());
            json.writeEndObject();
        }
        count(json, "rttMicros", r == null ? -1 : r.redisRoundTripMicros());
        String breaker = r == null ? "" : r.breaker().wire();
        json.writeStringField("breaker", breaker.isEmpty() ? null : breaker);
        if (r == null) {
            json.writeNullField("leak");
            json.writeNullField("sockets");
        } else {
            json.writeBooleanField("leak", r.leakAlarm());
            json.writeObjectFieldStart("sockets");
            count(json, "redis", r.redisSocketCount());
            count(json, "app", r.appRedisSocketCount());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("problems");
        for (String problem : entry.problems()) {
            json.writeString(problem);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
