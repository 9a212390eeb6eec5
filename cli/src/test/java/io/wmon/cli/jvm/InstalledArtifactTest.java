package io.wmon.cli.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class InstalledArtifactTest {

    private final InstalledArtifact agent = new InstalledArtifact("wmon-agent.jar", "agent");

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "jar");
    }

    @Test
    void findsTheJarBesideAnInstalledCli() throws IOException {
        Path cli = touch("lib/wmon.jar");
        Path jar = touch("lib/wmon-agent.jar");

        assertThat(agent.findFrom(cli)).contains(jar);
    }

    @Test
    void findsTheModuleBuildInTheSourceTreeFromTheCliJar() throws IOException {
        Path cli = touch("cli/target/wmon.jar");
        Path jar = touch("agent/target/wmon-agent.jar");

        assertThat(agent.findFrom(cli)).contains(jar);
    }

    @Test
    void findsItFromTheClassFolderOfAnIdeOrTestRun() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("cli/target/classes"));
        Path jar = touch("agent/target/wmon-agent.jar");

        assertThat(agent.findFrom(classes)).contains(jar);
    }

    @Test
    void theJarBesideTheCliWinsOverTheSourceTree() throws IOException {
        Path cli = touch("cli/target/wmon.jar");
        Path beside = touch("cli/target/wmon-agent.jar");
        touch("agent/target/wmon-agent.jar");

        assertThat(agent.findFrom(cli)).contains(beside);
    }

    @Test
    void nothingThereIsEmptyAndTheCandidatesSayWhereItLooked() throws IOException {
        Path cli = touch("cli/target/wmon.jar");

        assertThat(agent.findFrom(cli)).isEmpty();
        assertThat(agent.candidates(cli)).first().isEqualTo(dir.resolve("cli/target/wmon-agent.jar"));
        assertThat(agent.candidates(cli)).contains(dir.resolve("agent/target/wmon-agent.jar"));
    }

    @Test
    void anExplicitAgentJarMustExist() throws IOException {
        Path jar = touch("elsewhere/custom-agent.jar");

        CommandLine command = new CommandLine(CommandSpec.create());

        assertThat(AgentJar.resolve(jar, command)).isEqualTo(jar.toAbsolutePath());
        assertThatThrownBy(() -> AgentJar.resolve(dir.resolve("missing.jar"), command))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--agent-jar");
    }
}
