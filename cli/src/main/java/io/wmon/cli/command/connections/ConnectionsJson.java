package io.wmon.cli.command.connections;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wmon.cli.shell.JsonOutput;
import io.wmon.core.record.WorkerRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The {@code connections --json} document (shape in docs/cli.md). */
public final class ConnectionsJson {

    private ConnectionsJson() {
    }

    public static void write(Writer out, ConnectionReport report) {
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            fields(json, report, true);
            json.writeEndObject();
        });
    }

    /**
     * A Cluster's document: {@code namespace}, {@code redis}, {@code generatedAtMillis}, {@code total}
     * (every node's connections), and {@code nodes}, one object per node: {@code node}, {@code error}
     * (null when read) and, when read, the fields of the one-server document, {@code unknown} null.
     */
    public static void writeNodes(Writer out, String redis, String namespace, long generatedAtMillis,
            List<NodeConnections> nodes) {
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            json.writeStringField("namespace", namespace);
            json.writeStringField("redis", redis);
            json.writeNumberField("generatedAtMillis", generatedAtMillis);
            int total = 0;
            for (NodeConnections node : nodes) {
                total += node.report() == null ? 0 : node.report().total();
            }
            json.writeNumberField("total", total);
            json.writeArrayFieldStart("nodes");
            for (NodeConnections node : nodes) {
                json.writeStartObject();
                json.writeStringField("node", node.node());
                json.writeStringField("error", node.failure());
                if (node.report() != null) {
                    fields(json, node.report(), false);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void fields(JsonGenerator json, ConnectionReport report, boolean unknownField) throws IOException {
        json.writeStringField("namespace", report.namespace());
        json.writeStringField("redis", report.redis());
        json.writeNumberField("generatedAtMillis", report.generatedAtMillis());
        json.writeNumberField("total", report.total());
        JsonOutput.count(json, "maxclients", report.maxClients());
        json.writeStringField("maxclientsProblem",
                report.maxClientsKnown() ? null : report.maxClientsProblem());
        json.writeObjectFieldStart("budget");
        json.writeNumberField("workers", report.budgetWorkers());
        json.writeNumberField("connections", report.budgetConnections());
        if (report.maxClientsKnown()) {
            json.writeBooleanField("exceedsMaxclients", report.budgetExceedsMaxClients());
        } else {
            json.writeNullField("exceedsMaxclients");
        }
        json.writeEndObject();
        json.writeArrayFieldStart("groups");
        for (ConnectionGroup group : report.groups()) {
            group(json, group, report.selfName(), unknownField);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("warnings");
        for (String warning : report.warnings()) {
            json.writeString(warning);
        }
        json.writeEndArray();
    }

    /** What the worker's record says of its sockets, or null for a group without a record. */
    private static void reported(JsonGenerator json, ConnectionGroup group) throws IOException {
        WorkerRecord record = group.record();
        if (record == null) {
            json.writeNullField("reported");
            return;
        }
        json.writeObjectFieldStart("reported");
        JsonOutput.count(json, "redisSockets", record.redisSocketCount());
        JsonOutput.count(json, "appSockets", record.appRedisSocketCount());
        json.writeNumberField("localPorts", record.localPorts().size());
        json.writeBooleanField("portsCapped", group.portsCapped());
        JsonOutput.count(json, "appPoolConnections", record.appActiveConnections() < 0 || record.appIdleConnections() < 0
                ? -1 : record.appActiveConnections() + record.appIdleConnections());
        json.writeBooleanField("leak", record.leakAlarm());
        json.writeEndObject();
    }

    private static void group(JsonGenerator json, ConnectionGroup group, String selfName, boolean unknownField)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", group.kind().wire());
        json.writeStringField("name", group.name());
        json.writeStringField("namespace", group.namespace().isEmpty() ? null : group.namespace());
        json.writeNumberField("connections", group.connections());
        json.writeNumberField("agent", group.count(Role.AGENT));
        json.writeNumberField("stream", group.count(Role.STREAM));
        if (group.application() < 0) {
            json.writeNullField("application");
        } else {
            json.writeObjectFieldStart("application");
            json.writeNumberField("connections", group.application());
            JsonOutput.count(json, "pooled", group.applicationPooled());
            JsonOutput.count(json, "unpooled", group.applicationUnpooled());
            json.writeNumberField("pubsub", group.applicationPubSub());
            json.writeEndObject();
        }
        JsonOutput.count(json, "unknown", unknownField ? group.unknown() : -1);
        reported(json, group);
        json.writeNumberField("subscribed", group.subscribed());
        JsonOutput.count(json, "budget", group.budget());
        json.writeBooleanField("self", group.includes(selfName));
        json.writeArrayFieldStart("clients");
        for (ConnectionGroup.Member member : group.members()) {
            ClientLine client = member.client();
            json.writeStartObject();
            json.writeNumberField("id", client.id());
            json.writeStringField("role", member.role().wire());
            json.writeStringField("name", client.name());
            json.writeStringField("addr", client.addr());
            JsonOutput.count(json, "ageSeconds", client.ageSeconds());
            JsonOutput.count(json, "idleSeconds", client.idleSeconds());
            JsonOutput.count(json, "db", client.db());
            json.writeNumberField("sub", client.sub());
            json.writeNumberField("psub", client.psub());
            json.writeStringField("flags", client.flags());
            json.writeStringField("cmd", client.cmd());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
