package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.mbeans.ObjectNames;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class AttributeSelectorTest {

    private static final ObjectName WORKER = ObjectNames.worker();
    private static final ObjectName POOL = ObjectNames.redisPool("wmon:agent:prod:w-1");

    @Test
    void aBareNameSelectsThatAttributeOfEveryBean() {
        AttributeSelector state = AttributeSelector.parse("State");

        assertThat(state.selects(WORKER, "State")).isTrue();
        assertThat(state.selects(POOL, "State")).isTrue();
        assertThat(state.selects(WORKER, "Id")).isFalse();
    }

    @Test
    void aTypeQualifiesByTheTypeKey() {
        AttributeSelector active = AttributeSelector.parse("RedisPool:Active");

        assertThat(active.selects(POOL, "Active")).isTrue();
        assertThat(active.selects(WORKER, "Active")).isFalse();
    }

    @Test
    void namesAndTypesIgnoreCase() {
        assertThat(AttributeSelector.parse("redispool:active").selects(POOL, "Active")).isTrue();
        assertThat(AttributeSelector.parse("heartbeatcount").selects(WORKER, "HeartbeatCount")).isTrue();
    }

    @Test
    void aStarSelectsEveryAttributeOfTheType() {
        AttributeSelector all = AttributeSelector.parse("Worker:*");

        assertThat(all.selects(WORKER, "Id")).isTrue();
        assertThat(all.selects(POOL, "Active")).isFalse();
    }

    @Test
    void emptyPartsAreUsageErrors() {
        assertThatThrownBy(() -> AttributeSelector.parse(":State")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttributeSelector.parse("Worker:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttributeSelector.parse("a:b:c")).isInstanceOf(IllegalArgumentException.class);
    }
}
