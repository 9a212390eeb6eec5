package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;

/** An external server is used as is and never broken; the "external" server here is the class's own. */
@Timeout(30)
class ExternalRedisServerTest {

    @RegisterExtension
    static final RedisServerExtension OWNED = new RedisServerExtension();

    @Test
    void usesTheUrlAsIs() {
        ExternalRedisServer external = new ExternalRedisServer(OWNED.url() + "/0");

        assertThat(external.kind()).isEqualTo("external");
        assertThat(external.url()).isEqualTo(OWNED.url() + "/0");
        assertThat(external.host()).isEqualTo(OWNED.host());
        assertThat(external.port()).isEqualTo(OWNED.port());
        assertThat(new ExternalRedisServer("redis://redis.example").port()).isEqualTo(6379);
    }

    @Test
    void rejectsWhatIsNotARedisUrl() {
        assertThatThrownBy(() -> new ExternalRedisServer("http://user:secret@host:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new ExternalRedisServer("127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultOperationsAbortTheTestAndLeaveTheServerAlone() {
        ExternalRedisServer external = new ExternalRedisServer("redis://:secret@" + OWNED.host() + ":" + OWNED.port());

        external.open();
        assertThatThrownBy(external::stop).isInstanceOf(TestAbortedException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(external::start).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(external::pause).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(external::resume).isInstanceOf(TestAbortedException.class);
        external.close();

        assertThat(RedisPing.pongs(OWNED.host(), OWNED.port())).isTrue();
    }

    @Test
    void theExtensionUsesAnUrlFromTheSystemProperty() {
        RedisServerExtension extension = new RedisServerExtension("external");
        System.setProperty(BackendSelector.URL_PROPERTY, OWNED.url());
        try {
            extension.beforeAll(null);
        } finally {
            System.clearProperty(BackendSelector.URL_PROPERTY);
        }
        try {
            assertThat(extension.kind()).isEqualTo("external");
            assertThat(extension.url()).isEqualTo(OWNED.url());
            assertThat(extension.probe().info("server")).contains("tcp_port:" + OWNED.port());
            assertThatThrownBy(extension::restart).isInstanceOf(TestAbortedException.class);
        } finally {
            extension.afterAll(null);
        }
        assertThat(RedisPing.pongs(OWNED.host(), OWNED.port())).isTrue();
    }
}
