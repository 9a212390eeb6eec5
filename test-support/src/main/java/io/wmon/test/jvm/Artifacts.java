package io.wmon.test.jvm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jar files under test, as the poms pass them in ({@code wmon.agent.jar},
 * {@code wmon.example.jar}, {@code wmon.cli.jar}); without the property, the jar where its module builds it, seen from
 * a sibling module's directory (Maven's working directory for tests). test-support depends on
 * none of these modules: it only reads their files.
 */
public final class Artifacts {

    public static final String AGENT_JAR_PROPERTY = "wmon.agent.jar";
    public static final String EXAMPLE_JAR_PROPERTY = "wmon.example.jar";
    public static final String CLI_JAR_PROPERTY = "wmon.cli.jar";

    private Artifacts() {
    }

    /** The shaded {@code wmon-agent.jar} the agent build produced. */
    public static Path agentJar() {
        return existing(AGENT_JAR_PROPERTY, "../agent/target/wmon-agent.jar");
    }

    /** The runnable {@code wmon-example-worker.jar}. */
    public static Path exampleJar() {
        return existing(EXAMPLE_JAR_PROPERTY, "../example-worker/target/wmon-example-worker.jar");
    }

    /** The runnable {@code wmon.jar} of the command line, as {@code bin/wmon} runs it. */
    public static Path cliJar() {
        return existing(CLI_JAR_PROPERTY, "../cli/target/wmon.jar");
    }

    private static Path existing(String property, String fallback) {
        Path jar = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist (" + property + "); build it first, e.g. "
                    + "./mvnw -B -pl integration-tests -am verify");
        }
        return jar;
    }
}
