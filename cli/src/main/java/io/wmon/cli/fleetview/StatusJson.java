package io.wmon.cli.fleetview;

import static io.wmon.cli.shell.JsonOutput.count;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wmon.cli.shell.JsonOutput;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The {@code status --json} document of the design, one line per snapshot.
 *
 * <p>Fields of the design keep their names; additions (documented in docs/cli.md):
 * {@code summary.gone}, {@code summary.invalid}, and per worker {@code status},
 * {@code staleAfterMillis} and {@code problems}. Unknown numbers are {@code null}; a worker without
 * a readable record (gone, invalid) has null record fields.
 */
public final class StatusJson {

    private StatusJson() {
    }

    /** Writes the document for {@code snapshot} read from {@code redis} (already redacted). */
    public static void write(Writer out, FleetSnapshot snapshot, String redis) {
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            json.writeStringField("namespace", snapshot.namespace());
            json.writeStringField("redis", redis);
            json.writeNumberField("generatedAtMillis", snapshot.generatedAtMillis());
            json.writeObjectFieldStart("summary");
            json.writeNumberField("workers", snapshot.workerCount());
            json.writeNumberField("alive", snapshot.aliveCount());
            json.writeNumberField("stale", snapshot.staleCount());
            json.writeNumberField("busy", snapshot.busyCount());
            json.writeNumberField("idle", snapshot.idleCount());
            json.writeNumberField("gone", snapshot.goneCount());
            json.writeNumberField("invalid", snapshot.invalidCount());
            json.writeEndObject();
            json.writeArrayFieldStart("workers");
            for (WorkerEntry entry : snapshot.workers()) {
                worker(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
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

    private static void worker(JsonGenerator json, WorkerEntry entry) throws IOException {
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
            json.writeEndObject();
        }
        count(json, "rttMicros", r == null ? -1 : r.redisRoundTripMicros());
        String breaker = r == null ? "" : r.breaker().wire();
        json.writeStringField("breaker", breaker.isEmpty() ? null : breaker);
        json.writeArrayFieldStart("problems");
        for (String problem : entry.problems()) {
            json.writeString(problem);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
