package io.wmon.it.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one example-worker JVM:
 * {@code <java> [-javaagent:<jar>=<opts>]… [jvm flags] -jar <example jar> <args>}.
 *
 * <p>Every worker gets {@code WMON_REDIS_URL} set to the test's own server, so that no option
 * mistake can ever send a worker to a default {@code localhost:6379}.
 */
public final class WorkerCommand {

    /** Flags for a quick start and a small footprint on a 2-core machine. */
    private static final List<String> BASE_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m");

    private final Jdk jdk;
    private final List<String> agentOptions = new ArrayList<>();
    private final List<String> jvmFlags = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private WorkerCommand(Jdk jdk, String redisUrl) {
        this.jdk = jdk;
        environment.put("WMON_REDIS_URL", redisUrl);
    }

    /** A worker on {@code jdk} whose environment points wmon at {@code redisUrl}. */
    public static WorkerCommand on(Jdk jdk, String redisUrl) {
        return new WorkerCommand(jdk, redisUrl);
    }

    /** Adds {@code -javaagent:<agent jar>=<options>} (once per call: a second call makes a second flag). */
    public WorkerCommand agent(String options) {
        agentOptions.add(options);
        return this;
    }

    public WorkerCommand jvmFlag(String flag) {
        jvmFlags.add(flag);
        return this;
    }

    /** Arguments for the example worker itself, e.g. {@code --stdin}. */
    public WorkerCommand args(String... workerArgs) {
        args.addAll(List.of(workerArgs));
        return this;
    }

    public Jdk jdk() {
        return jdk;
    }

    Map<String, String> environment() {
        return environment;
    }

    List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        Path agentJar = agentOptions.isEmpty() ? null : Artifacts.agentJar();
        for (String options : agentOptions) {
            command.add("-javaagent:" + agentJar + (options.isEmpty() ? "" : "=" + options));
        }
        command.addAll(BASE_FLAGS);
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(Artifacts.exampleJar().toString());
        command.addAll(args);
        return command;
    }
}
