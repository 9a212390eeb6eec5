package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.Named;

/** The two servers every JMX test runs against: a fresh one, and the platform one that tools see. */
final class MBeanServers {

    private MBeanServers() {
    }

    static MBeanServer platform() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    /** Argument source for {@code @MethodSource("io.wmon.mbeans.MBeanServers#both")}. */
    static Stream<Named<MBeanServer>> both() {
        return Stream.of(Named.of("fresh MBeanServer", MBeanServerFactory.newMBeanServer()),
                Named.of("platform MBeanServer", platform()));
    }

    /** The leak check of every JMX test: nothing in {@code io.wmon} may outlive a test on the platform server. */
    static void assertNoWmonMBeanOnPlatform() {
        assertThat(platform().queryNames(ObjectNames.ALL, null)).as("io.wmon MBeans left on the platform server").isEmpty();
    }
}
