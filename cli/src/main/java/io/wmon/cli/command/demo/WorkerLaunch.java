package io.wmon.cli.command.demo;

import io.wmon.cli.jvm.InstalledArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How the demo starts one example worker JVM: this JVM's {@code java}, the agent jar as
 * {@code -javaagent}, a small heap, and the worker's main class with flags for fake jobs.
 *
 * <p>The Redis URL and namespace travel in the worker's environment ({@code WMON_REDIS_URL},
 * {@code WMON_NAMESPACE}), not in its command line, so that a password in the URL never shows in
 * {@code ps}. Only the worker id and the heartbeat interval are agent options. A
 * {@code WMON_REDIS_PASSWORD} of the user's reaches the workers only with the Redis the user chose.
 */
final class WorkerLaunch {

    /** The example worker's jar, next to the CLI or in the source tree. */
    static final InstalledArtifact EXAMPLE_WORKER = new InstalledArtifact("wmon-example-worker.jar", "example-worker");
    /** The example worker's main class, in {@code wmon-example-worker.jar}. */
    static final String EXAMPLE_MAIN = "io.wmon.example.ExampleWorker";
    /**
     * Fake jobs of 200-800 ms with job ids of several kinds and lengths and idle pauses now and then,
     * every 10th failing: the movement and the variety of a real fleet.
     */
    static final List<String> EXAMPLE_ARGS = List.of("--job-millis", "400", "--fail-every", "10", "--varied-jobs");
    /** One beat a second, the agent's minimum: the view changes while you look at it. */
    static final String INTERVAL = "1s";

    private final Path agentJar;
    private final String classPath;
    private final String mainClass;
    private final String redisUrl;
    private final String namespace;
    private final boolean userRedis;

    /**
     * @param classPath the worker's jar (or class path)
     * @param redisUrl the URL the workers use, possibly with a password
     * @param userRedis whether the user chose that Redis (else the demo found or started it)
     */
    WorkerLaunch(Path agentJar, String classPath, String mainClass, String redisUrl, String namespace,
            boolean userRedis) {
        this.agentJar = agentJar;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.redisUrl = redisUrl;
        this.namespace = namespace;
        this.userRedis = userRedis;
    }

    /**
     * The example worker's jar as a class path.
     *
     * @throws ParameterException (a usage error of {@code command}) when it is not found, naming where it looked
     */
    static String exampleWorker(CommandLine command) {
        return EXAMPLE_WORKER.find().map(Path::toString).orElseThrow(() -> new ParameterException(command,
                "wmon-example-worker.jar not found next to the wmon CLI (looked at "
                        + EXAMPLE_WORKER.candidates().stream().map(Path::toString).collect(Collectors.joining(", "))
                        + "); build it with ./mvnw -pl example-worker -am package"));
    }

    /** The id of the {@code index}-th worker (1-based): {@code demo-1}, {@code demo-2}… */
    static String workerId(int index) {
        return "demo-" + index;
    }

    /** The command line of the {@code index}-th worker. */
    List<String> command(int index) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agentJar + "=id=" + workerId(index) + ",interval=" + INTERVAL);
        command.add("-Xmx64m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(EXAMPLE_ARGS);
        return command;
    }

    /** Sets the worker's environment: where Redis is and which namespace to report to. */
    void environment(Map<String, String> env) {
        env.put("WMON_REDIS_URL", redisUrl);
        env.put("WMON_NAMESPACE", namespace);
        env.remove("WMON_ID");
        if (!userRedis) {
            env.remove("WMON_REDIS_PASSWORD");
        }
    }
}
