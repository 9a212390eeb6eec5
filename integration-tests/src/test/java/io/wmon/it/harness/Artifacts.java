package io.wmon.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** The jar files under test and the folder for worker output, as failsafe passes them in. */
public final class Artifacts {

    private Artifacts() {
    }

    /** The shaded {@code wmon-agent.jar} the agent build produced. */
    public static Path agentJar() {
        return existing("wmon.agent.jar", "../agent/target/wmon-agent.jar");
    }

    /** The runnable {@code wmon-example-worker.jar}. */
    public static Path exampleJar() {
        return existing("wmon.example.jar", "../example-worker/target/wmon-example-worker.jar");
    }

    /** Where each worker gets a folder for its stdout and stderr files. */
    public static Path workDir() {
        return Path.of(System.getProperty("wmon.it.work", "target/it-workers")).toAbsolutePath();
    }

    private static Path existing(String property, String fallback) {
        Path jar = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist (" + property + "); build it first: "
                    + "./mvnw -B -pl integration-tests -am verify");
        }
        return jar;
    }
}
