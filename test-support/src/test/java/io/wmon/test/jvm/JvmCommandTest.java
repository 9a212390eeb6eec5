package io.wmon.test.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

    private static final Jdk JDK = new Jdk("java99", Path.of("/opt/jdk-99"));

    @Test
    void agentsComeFirstInOrderThenTheSmallFootprintThenFlagsThenTheMain() {
        Path agent = Path.of("/jars/agent.jar");
        List<String> argv = JvmCommand.on(JDK)
                .agent(agent, "redis=redis://h:1,id=a")
                .agent(agent, "id=b")
                .jvmFlag("-Dx=1", "-XX:+EnableDynamicAgentLoading")
                .jar(Path.of("/jars/app.jar"))
                .args("--stdin", "--jobs", "3")
                .argv();

        List<String> expected = new ArrayList<>(List.of("/opt/jdk-99/bin/java",
                "-javaagent:/jars/agent.jar=redis=redis://h:1,id=a", "-javaagent:/jars/agent.jar=id=b"));
        expected.addAll(JvmCommand.SMALL_FOOTPRINT);
        expected.addAll(List.of("-Dx=1", "-XX:+EnableDynamicAgentLoading", "-jar", "/jars/app.jar",
                "--stdin", "--jobs", "3"));
        assertThat(argv).containsExactlyElementsOf(expected);
    }

    @Test
    void anAgentWithoutOptionsHasNoEqualsSign() {
        assertThat(JvmCommand.on(JDK).agent(Path.of("/a.jar"), "").jar(Path.of("/app.jar")).argv())
                .contains("-javaagent:/a.jar").noneMatch(arg -> arg.startsWith("-javaagent:/a.jar="));
    }

    @Test
    void aMainClassRunsFromTheFolderItWasLoadedFrom() {
        List<String> argv = JvmCommand.on(JDK).mainClass(EchoMain.class).args("a").argv();

        Path folder = JvmCommand.classPathOf(EchoMain.class);
        assertThat(folder.resolve("io/wmon/test/jvm/EchoMain.class")).isRegularFile();
        assertThat(argv.subList(argv.size() - 4, argv.size()))
                .containsExactly("-cp", folder.toString(), EchoMain.class.getName(), "a");
    }

    @Test
    void aCommandWithoutMainIsRefused() {
        assertThatThrownBy(() -> JvmCommand.on(JDK).agent(Path.of("/a.jar"), "x").argv())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no main");
    }

    @Test
    void theProcessCommandCarriesTheSameCommandLine() {
        JvmCommand command = JvmCommand.on(JDK).jar(Path.of("/app.jar")).args("x");
        assertThat(command.toCommand().argv()).isEqualTo(command.argv());
    }

    @Test
    void theWmonAgentJarMustExist() {
        String previous = System.setProperty(Artifacts.AGENT_JAR_PROPERTY, "/nonexistent/wmon-agent.jar");
        try {
            assertThatThrownBy(() -> JvmCommand.on(JDK).agent("id=x"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/wmon-agent.jar").hasMessageContaining("build it first");
        } finally {
            if (previous == null) {
                System.clearProperty(Artifacts.AGENT_JAR_PROPERTY);
            } else {
                System.setProperty(Artifacts.AGENT_JAR_PROPERTY, previous);
            }
        }
    }
}
