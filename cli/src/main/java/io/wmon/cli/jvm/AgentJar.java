package io.wmon.cli.jvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Where the shaded {@code wmon-agent.jar} is: {@code --agent-jar}, or next to the CLI. */
public final class AgentJar {

    /** The installed name of the agent jar, and where the agent module builds it. */
    public static final InstalledArtifact ARTIFACT = new InstalledArtifact("wmon-agent.jar", "agent");

    private AgentJar() {
    }

    /**
     * The absolute path of the agent jar: {@code explicit} when given, else the one found next to
     * the CLI. The path is handed to the target JVM, so it must be absolute.
     *
     * @param command the command whose {@code --agent-jar} this is
     * @throws ParameterException (a usage error) when there is no such file, naming where it looked
     */
    public static Path resolve(Path explicit, CommandLine command) {
        if (explicit != null) {
            // Regression: this said "pass --agent-jar PATH" to someone who had just passed it.
            if (!Files.isRegularFile(explicit)) {
                String what = Files.exists(explicit) ? "not a file" : "no such file";
                throw new ParameterException(command, "--agent-jar " + explicit + ": " + what
                        + "; give the path of wmon-agent.jar");
            }
            return explicit.toAbsolutePath().normalize();
        }
        return ARTIFACT.find().orElseThrow(() -> new ParameterException(command,
                "wmon-agent.jar not found next to the wmon CLI (looked at "
                        + ARTIFACT.candidates().stream().map(Path::toString).collect(Collectors.joining(", "))
                        + "); pass --agent-jar PATH"));
    }
}
