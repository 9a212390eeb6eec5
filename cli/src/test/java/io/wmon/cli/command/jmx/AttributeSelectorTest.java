package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.mbeans.ObjectNames;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class AttributeSelectorTest {

    private static final CommandLine COMMAND = new CommandLine(new JmxCommand());

    private static final ObjectName WORKER = ObjectNames.worker();
    private static final ObjectName POOL = ObjectNames.redisPool("wmon:agent:prod:w-1");

    @Test
    void aBareNameSelectsThatAttributeOfEveryBean() {
        AttributeSelector state = AttributeSelector.parse("State", COMMAND);

        assertThat(state.selects(WORKER, "State")).isTrue();
        assertThat(state.selects(POOL, "State")).isTrue();
        assertThat(state.selects(WORKER, "Id")).isFalse();
    }

    @Test
    void aTypeQualifiesByTheTypeKey() {
        AttributeSelector active = AttributeSelector.parse("RedisPool:Active", COMMAND);

        assertThat(active.selects(POOL, "Active")).isTrue();
        assertThat(active.selects(WORKER, "Active")).isFalse();
    }

    @Test
    void namesAndTypesIgnoreCase() {
        assertThat(AttributeSelector.parse("redispool:active", COMMAND).selects(POOL, "Active")).isTrue();
        assertThat(AttributeSelector.parse("heartbeatcount", COMMAND).selects(WORKER, "HeartbeatCount")).isTrue();
    }

    @Test
    void aStarSelectsEveryAttributeOfTheType() {
        AttributeSelector all = AttributeSelector.parse("Worker:*", COMMAND);

        assertThat(all.selects(WORKER, "Id")).isTrue();
        assertThat(all.selects(POOL, "Active")).isFalse();
    }

    @Test
    void emptyPartsAreUsageErrors() {
        assertThatThrownBy(() -> AttributeSelector.parse(":State", COMMAND)).isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> AttributeSelector.parse("Worker:", COMMAND)).isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> AttributeSelector.parse("a:b:c", COMMAND)).isInstanceOf(ParameterException.class);
    }
}
