package io.wmon.agent.runtime;

import io.wmon.agent.config.HostName;

/** What does not change while the agent runs: who the worker is and where it runs. */
final class WorkerIdentity {

    private final String id;
    private final String namespace;
    private final String host;
    private final long pid;
    private final long startedMillis;
    private final String agentVersion;
    private final String javaVersion;
    private final long intervalMillis;

    WorkerIdentity(String id, String namespace, long intervalMillis, String agentVersion, TextLimits limits) {
        this.id = id;
        this.namespace = namespace;
        this.intervalMillis = intervalMillis;
        this.agentVersion = agentVersion;
        String name = HostName.of(System.getenv());
        this.host = name == null ? "unknown" : limits.cut(name, TextLimits.HOST);
        this.pid = ProcessHandle.current().pid();
        this.startedMillis = ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
        this.javaVersion = limits.cut(System.getProperty("java.version", ""), TextLimits.JAVA_VERSION);
    }

    String id() {
        return id;
    }

    String namespace() {
        return namespace;
    }

    String host() {
        return host;
    }

    long pid() {
        return pid;
    }

    /** When the JVM started, epoch ms. */
    long startedMillis() {
        return startedMillis;
    }

    String agentVersion() {
        return agentVersion;
    }

    String javaVersion() {
        return javaVersion;
    }

    long intervalMillis() {
        return intervalMillis;
    }
}
