package io.wmon.cli.command.jmx;

import io.wmon.cli.shell.JsonOutput;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} documents of {@code wmon jmx}, one compact document per run on one line, written
 * like every other command's with {@link JsonOutput}.
 *
 * <pre>
 * read: {"target": "12345", "kind": "pid"|"remote", "pid": 12345 (pid only),
 *        "jmxUrl": "service:jmx:…" (remote only),
 *        "mbeans": [{"objectName": "io.wmon:type=Worker", "type": "Worker",
 *                    "attributes": {"HeartbeatCount": 12, …}, "errors": {"Name": "reason", …}}]}
 * list: {"jvms": [{"pid": 12345, "main": "com.example.Main", "agent": true|false|null,
 *                  "agentVersion": "0.1.0"|null, "problem": "…"|null}]}
 * </pre>
 */
final class JmxJson {

    private JmxJson() {
    }

    static void writeReadings(PrintWriter out, JmxTarget target, List<MBeanReading> readings) {
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            json.writeStringField("target", target.text());
            json.writeStringField("kind", target.isLocal() ? "pid" : "remote");
            if (target.isLocal()) {
                json.writeNumberField("pid", target.pid());
            } else {
                json.writeStringField("jmxUrl", target.url().toString());
            }
            json.writeArrayFieldStart("mbeans");
            for (MBeanReading reading : readings) {
                json.writeStartObject();
                json.writeStringField("objectName", reading.objectName().toString());
                json.writeStringField("type", reading.objectName().getKeyProperty("type"));
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, Object> attribute : reading.values().entrySet()) {
                    json.writeFieldName(attribute.getKey());
                    OpenValueJson.write(json, attribute.getValue());
                }
                json.writeEndObject();
                json.writeObjectFieldStart("errors");
                for (Map.Entry<String, String> error : reading.errors().entrySet()) {
                    json.writeStringField(error.getKey(), error.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static void writeJvms(PrintWriter out, List<LocalJvm> jvms) {
        JsonOutput.writeLine(out, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("jvms");
            for (LocalJvm jvm : jvms) {
                json.writeStartObject();
                json.writeNumberField("pid", jvm.pid());
                json.writeStringField("main", jvm.main());
                json.writeFieldName("agent");
                OpenValueJson.write(json, jvm.agent());
                json.writeStringField("agentVersion", jvm.agentVersion());
                json.writeStringField("problem", jvm.problem());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
