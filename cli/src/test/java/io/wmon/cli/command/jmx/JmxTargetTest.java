package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class JmxTargetTest {

    @Test
    void digitsAreALocalPid() {
        JmxTarget target = JmxTarget.parse("4242");

        assertThat(target.isLocal()).isTrue();
        assertThat(target.pid()).isEqualTo(4242);
        assertThat(target.describe()).isEqualTo("pid 4242");
    }

    @Test
    void hostAndPortIsTheRmiRegistryOfJmxremote() {
        JmxTarget target = JmxTarget.parse("db-worker-3:9010");

        assertThat(target.isLocal()).isFalse();
        assertThat(target.url()).hasToString("service:jmx:rmi:///jndi/rmi://db-worker-3:9010/jmxrmi");
        assertThat(target.describe()).isEqualTo("db-worker-3:9010");
    }

    @Test
    void ipv6HostsGoInBrackets() {
        assertThat(JmxTarget.parse("[::1]:9010").url()).hasToString("service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi");
        assertThatThrownBy(() -> JmxTarget.parse("::1:9010")).hasMessageContaining("brackets");
    }

    @Test
    void aServiceUrlIsTakenAsItIs() {
        String url = "service:jmx:rmi://127.0.0.1/stub/rO0ABXNy";

        assertThat(JmxTarget.parse(url).url()).hasToString(url);
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheForms() {
        assertThatThrownBy(() -> JmxTarget.parse("State")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("PID, host:port or service:jmx: URL");
        assertThatThrownBy(() -> JmxTarget.parse("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> JmxTarget.parse("host:70000")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> JmxTarget.parse("service:jmx:nonsense")).isInstanceOf(TypeConversionException.class);
    }
}
