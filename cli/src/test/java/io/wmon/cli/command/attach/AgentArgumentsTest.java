package io.wmon.cli.command.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class AgentArgumentsTest {

    private static final CommandLine COMMAND = new CommandLine(new AttachCommand());

    @Test
    void joinsWordsWithCommas() {
        assertThat(AgentArguments.start(List.of("namespace=prod", "id=w-7"), Map.of(), COMMAND))
                .isEqualTo("namespace=prod,id=w-7");
    }

    @Test
    void noWordsMeansTheAgentsDefaults() {
        assertThat(AgentArguments.start(List.of(), Map.of(), COMMAND)).isEmpty();
    }

    @Test
    void globalOptionsComeFirstAndAWordOverridesThem() {
        Map<String, String> inherited = new LinkedHashMap<>();
        inherited.put("redis", "redis://cache:6379");
        inherited.put("namespace", "prod");

        assertThat(AgentArguments.start(List.of("namespace=staging"), inherited, COMMAND))
                .isEqualTo("redis=redis://cache:6379,namespace=staging");
    }

    @Test
    void aWordWithoutEqualsIsAUsageErrorThatHidesPasswords() {
        assertThatThrownBy(() -> AgentArguments.start(List.of("redis://u:secret@cache"), Map.of(), COMMAND))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("is not key=value")
                .hasMessageNotContaining("secret");
    }

    /** Regression: a comma inside a word was refused (outside redis=) or passed bare, splitting the option. */
    @Test
    void aCommaOrABackslashInsideAWordIsEscapedByTheAgentsRule() {
        assertThat(AgentArguments.start(List.of("redis=redis-sentinel://h1:26379,h2:26379/m", "id=a,b"), Map.of(),
                COMMAND)).isEqualTo("redis=redis-sentinel://h1:26379\\,h2:26379/m,id=a\\,b");
        assertThat(AgentArguments.start(List.of("passwordFile=C:\\wmon\\pw", "id=x\\"), Map.of(), COMMAND))
                .isEqualTo("passwordFile=C:\\\\wmon\\\\pw,id=x\\\\");
    }

    @Test
    void inheritedOptionsAreEscapedToo() {
        assertThat(AgentArguments.start(List.of(), Map.of("redis", "redis://:pa,ss@cache"), COMMAND))
                .isEqualTo("redis=redis://:pa\\,ss@cache");
    }

    @Test
    void stopTakesNoOptions() {
        assertThat(AgentArguments.stop(List.of(), COMMAND)).isEqualTo("mode=stop");
        assertThatThrownBy(() -> AgentArguments.stop(List.of("id=x"), COMMAND)).isInstanceOf(ParameterException.class);
    }
}
