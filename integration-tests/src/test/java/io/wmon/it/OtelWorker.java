package io.wmon.it;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.nio.file.Path;

/**
 * An example worker JVM with two agents, the OpenTelemetry Java agent's first, and the exports its
 * {@code logging-otlp} metric exporter writes to the worker's stderr.
 */
record OtelWorker(ChildProcess worker, AgentArgs agent, OtlpJsonLog log) {

    /** The agent jar the pom copies from Maven Central, and the rules under test. */
    static final String AGENT_JAR_PROPERTY = "opentelemetry.javaagent.jar";
    static final String CONFIG_PROPERTY = "opentelemetry.jmx.config";
    /** The instrumentation scope of every metric JMX Insight reports. */
    static final String SCOPE = "io.opentelemetry.jmx";

    /**
     * Starts a {@code --stdin} worker with the wmon agent as {@code agent} says and the OpenTelemetry
     * agent with JMX Insight reading {@code config} (one or more files, comma-separated), the logging-otlp
     * metric exporter every 0.25 s, no traces or logs, and none of the agent's bytecode instrumentations
     * (JMX Insight is not one of them and stays on); returns once the worker printed its ready line.
     */
    static OtelWorker start(WorkerFleetExtension fleet, AgentArgs agent, String config) {
        ChildProcess worker = fleet.start("worker", fleet.exampleWorker(Jdk.current())
                .agent(ApmFiles.existing(AGENT_JAR_PROPERTY), "")
                .jvmFlag("-Dotel.jmx.config=" + config,
                        "-Dotel.metrics.exporter=logging-otlp",
                        "-Dotel.metric.export.interval=250",
                        "-Dotel.traces.exporter=none",
                        "-Dotel.logs.exporter=none",
                        "-Dotel.service.name=wmon-" + agent.id(),
                        "-Dotel.instrumentation.common.default-enabled=false")
                .agent(agent.toString()).args("--stdin"));
        // The OpenTelemetry agent logs to stderr only: stdout stays the worker's own.
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        return new OtelWorker(worker, agent, new OtlpJsonLog(worker.outputDir().resolve("stderr.log"), SCOPE));
    }

    /** The rule file under test, {@code docs/apm/otel-jmx.yaml} unless {@code -Dopentelemetry.jmx.config} names another. */
    static Path rules() {
        return ApmFiles.existing(CONFIG_PROPERTY);
    }
}
