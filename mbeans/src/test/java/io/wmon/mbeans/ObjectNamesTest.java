package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectNamesTest {

    @Test
    void namesAreTheOnesOfTheDesignContract() {
        assertThat(ObjectNames.DOMAIN).isEqualTo("io.wmon");
        assertThat(ObjectNames.worker()).hasToString("io.wmon:type=Worker");
        assertThat(ObjectNames.redisPool("shared")).hasToString("io.wmon:type=RedisPool,name=shared");
        assertThat(ObjectNames.circuitBreaker("redis")).hasToString("io.wmon:type=CircuitBreaker,name=redis");
        assertThat(ObjectNames.fleet("default")).hasToString("io.wmon:type=Fleet,namespace=default");
        assertThat(ObjectNames.ALL).hasToString("io.wmon:*");
    }

    @Test
    void allIsAPatternMatchingEveryWmonNameAndNothingElse() throws Exception {
        assertThat(ObjectNames.ALL.isPattern()).isTrue();
        assertThat(ObjectNames.ALL.apply(ObjectNames.worker())).isTrue();
        assertThat(ObjectNames.ALL.apply(ObjectNames.redisPool("a,b"))).isTrue();
        assertThat(ObjectNames.ALL.apply(ObjectNames.fleet("ns"))).isTrue();
        assertThat(ObjectNames.ALL.apply(new ObjectName("io.wmonx:type=Worker"))).isFalse();
        assertThat(ObjectNames.ALL.apply(new ObjectName("java.lang:type=Runtime"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared", "a b", "é-ü", "a/b", "a\\b", " padded ", "wmon-agent.default.w1"})
    void valuesThatNeedNoQuotingStayAsTheyAre(String value) {
        ObjectName name = ObjectNames.redisPool(value);
        assertThat(name.getKeyProperty("name")).isEqualTo(value);
        assertThat(name.isPattern()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "k=v", "wmon:agent:ns:w1", "say \"hi\"", "star*", "what?", "two\nlines", "back\\slash,comma"})
    void valuesWithSpecialCharactersAreQuotedAndUnquoteToTheOriginal(String value) {
        ObjectName name = ObjectNames.fleet(value);
        String quoted = name.getKeyProperty("namespace");
        assertThat(quoted).startsWith("\"").isEqualTo(ObjectName.quote(value));
        assertThat(ObjectName.unquote(quoted)).isEqualTo(value);
        assertThat(name.isPattern()).as("a quoted * or ? is not a wildcard").isFalse();
        assertThat(name.getKeyProperty("type")).isEqualTo("Fleet");
    }

    @Test
    void propertyValueQuotesOnlyWhenNeeded() {
        assertThat(ObjectNames.propertyValue("default")).isEqualTo("default");
        assertThat(ObjectNames.propertyValue("a=b")).isEqualTo("\"a=b\"");
    }

    @Test
    void emptyOrNullValuesAreRejected() {
        assertThatThrownBy(() -> ObjectNames.redisPool("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ObjectNames.circuitBreaker(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectNames.fleet(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notificationTypesAreTheOnesOfTheDesignContract() {
        assertThat(NotificationTypes.WORKER_STATE).isEqualTo("io.wmon.worker.state");
        assertThat(NotificationTypes.BREAKER_OPEN).isEqualTo("io.wmon.breaker.open");
        assertThat(NotificationTypes.BREAKER_CLOSED).isEqualTo("io.wmon.breaker.closed");
        assertThat(NotificationTypes.POOL_EXHAUSTED).isEqualTo("io.wmon.pool.exhausted");
        assertThat(NotificationTypes.FLEET_STALE).isEqualTo("io.wmon.fleet.stale");
        assertThat(NotificationTypes.CONNECTIONS_LEAK).isEqualTo("io.wmon.connections.leak");
    }
}
