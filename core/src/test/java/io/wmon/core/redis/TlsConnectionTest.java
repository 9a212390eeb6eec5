package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.test.ClientInfo;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.RedisTls;
import io.wmon.test.tls.TestCertificates;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rediss://} against real {@code redis-server --tls-port} processes with certificates made
 * for the test: verified connections work and are counted by name; an unknown CA, a certificate for
 * another host, a missing or foreign client certificate are refused, with a reason that says so.
 */
@Timeout(60)
class TlsConnectionTest {

    @RegisterExtension
    static final RedisServerExtension TLS = RedisServerExtension.withTls(RedisTls.of(TestCertificates.get(), false));

    @RegisterExtension
    static final RedisServerExtension MUTUAL = RedisServerExtension.withTls(RedisTls.of(TestCertificates.get(), true));

    @RegisterExtension
    static final RedisServerExtension WRONG_HOST = RedisServerExtension.withTls(RedisTls.wrongHost(TestCertificates.get()));

    private static final TestCertificates CERTS = TestCertificates.get();
    private static final String NAME = ConnectionNames.cli("tls", 1);

    @AfterEach
    void noWmonConnectionOutlivesATest() {
        for (RedisServerExtension server : List.of(TLS, MUTUAL, WRONG_HOST)) {
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(server.probe().countClients("wmon:")).isZero());
        }
    }

    private static TlsStore trust(Path file) {
        return TlsStore.of(TlsStore.Kind.TRUST, "tlsTrustStore", file, "tlsTrustStorePasswordFile",
                TestCertificates.STORE_PASSWORD);
    }

    private static TlsStore key(Path file) {
        return TlsStore.of(TlsStore.Kind.KEY, "tlsKeyStore", file, "tlsKeyStorePasswordFile",
                TestCertificates.STORE_PASSWORD);
    }

    private static RedisEndpoint endpoint(RedisServerExtension server, String host, TlsSettings tls) {
        return RedisEndpoint.parse(server.tlsUrl(host)).withTls(tls);
    }

    /** Runs PING on a new pool and returns the server's view of the pool's connections while it is open. */
    private static List<ClientInfo> pingAndList(RedisServerExtension server, RedisEndpoint endpoint) {
        return pingAndList(server, endpoint, PoolSettings.defaults());
    }

    private static List<ClientInfo> pingAndList(RedisServerExtension server, RedisEndpoint endpoint,
            PoolSettings settings) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(endpoint, NAME, settings)) {
            String pong = pool.call(client -> client.ping());
            assertThat(pong).isEqualTo("PONG");
            return server.probe().clients().stream().filter(c -> c.name().equals(NAME)).toList();
        }
    }

    @ParameterizedTest(name = "trust store {0}")
    @ValueSource(strings = {"p12", "jks", "pem"})
    void aTrustStoreOfTheServersCaConnectsOnTheTlsPortWithOneNamedConnection(String format) {
        Path store = switch (format) {
            case "p12" -> CERTS.trustStoreP12();
            case "jks" -> CERTS.trustStoreJks();
            default -> CERTS.caPem();
        };
        List<ClientInfo> named = pingAndList(TLS, endpoint(TLS, "localhost", TlsSettings.of(trust(store), null)));

        assertThat(named).hasSize(1);
        assertThat(named.get(0).laddr()).endsWith(":" + TLS.tlsPort());
    }

    @Test
    void anIpAddressTheCertificateNamesIsAcceptedToo() {
        assertThat(pingAndList(TLS, endpoint(TLS, "127.0.0.1", TlsSettings.of(trust(CERTS.trustStoreP12()), null))))
                .hasSize(1);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedByHostNameVerification() {
        RedisEndpoint endpoint = endpoint(WRONG_HOST, "localhost", TlsSettings.of(trust(CERTS.trustStoreP12()), null));

        assertThatThrownBy(() -> pingAndList(WRONG_HOST, endpoint))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessageContaining("does not name host localhost");
        assertThat(WRONG_HOST.probe().countClients(NAME)).isZero();
    }

    @Test
    void aServerSignedByAnotherCaIsNotTrusted() {
        RedisEndpoint endpoint = endpoint(TLS, "localhost", TlsSettings.of(trust(CERTS.otherTrustStoreP12()), null));

        assertThatThrownBy(() -> pingAndList(TLS, endpoint))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessageContaining("not trusted");
    }

    @Test
    void withoutATrustStoreTheJvmDefaultTrustApplies_whichDoesNotKnowTheTestCa() {
        RedisEndpoint endpoint = RedisEndpoint.parse(TLS.tlsUrl("localhost"));

        assertThat(endpoint.tlsSettings()).isEqualTo(TlsSettings.jvmDefault());
        assertThatThrownBy(() -> pingAndList(TLS, endpoint))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessageContaining("not trusted");
    }

    @Test
    void theStoresApplyToWmonsConnectionsOnly_theJvmDefaultContextStillDistrustsTheServer() throws Exception {
        assertThat(pingAndList(TLS, endpoint(TLS, "localhost", TlsSettings.of(trust(CERTS.trustStoreP12()), null))))
                .hasSize(1);

        assertThat(System.getProperty("javax.net.ssl.trustStore")).isNull();
        assertThat(System.getProperty("javax.net.ssl.keyStore")).isNull();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("localhost", TLS.tlsPort()), 2000);
            SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                    .createSocket(plain, "localhost", TLS.tlsPort(), true);
            socket.setSoTimeout(2000);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void mutualTlsConnectsWithTheClientsKeyStore() {
        TlsSettings tls = TlsSettings.of(trust(CERTS.trustStoreP12()), key(CERTS.clientKeyStoreP12()));

        assertThat(pingAndList(MUTUAL, endpoint(MUTUAL, "localhost", tls))).hasSize(1);
    }

    @Test
    void mutualTlsConnectsWithAJksKeyStoreToo() {
        TlsSettings tls = TlsSettings.of(trust(CERTS.trustStoreJks()), key(CERTS.clientKeyStoreJks()));

        assertThat(pingAndList(MUTUAL, endpoint(MUTUAL, "localhost", tls))).hasSize(1);
    }

    @Test
    void mutualTlsWithoutAClientCertificateIsRefused() {
        RedisEndpoint endpoint = endpoint(MUTUAL, "localhost", TlsSettings.of(trust(CERTS.trustStoreP12()), null));

        assertThatThrownBy(() -> pingAndList(MUTUAL, endpoint))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessageContaining("TLS: the server")
                .hasMessageContaining("client certificate");
        assertThat(MUTUAL.probe().countClients(NAME)).isZero();
    }

    @Test
    void mutualTlsWithACertificateOfAnotherCaIsRefused() {
        RedisEndpoint endpoint = endpoint(MUTUAL, "localhost",
                TlsSettings.of(trust(CERTS.trustStoreP12()), key(CERTS.strangerKeyStoreP12())));

        assertThatThrownBy(() -> pingAndList(MUTUAL, endpoint))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessageContaining("TLS: the server")
                .hasMessageContaining("client certificate");
        assertThat(MUTUAL.probe().countClients(NAME)).isZero();
    }

    @Test
    void rediss_onThePlainPortIsNamedAsSuch() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://localhost:" + TLS.port())
                .withTls(TlsSettings.of(trust(CERTS.trustStoreP12()), null));

        assertThatThrownBy(() -> pingAndList(TLS, endpoint, PoolSettings.defaults().withTimeouts(Duration.ofMillis(300))))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessageContaining("no TLS answer from port " + TLS.port())
                .hasMessageContaining("tls-port");
    }

    @Test
    void theContextIsBuiltOncePerSettings() {
        TlsSettings tls = TlsSettings.of(trust(CERTS.trustStoreP12()), null);

        assertThat(tls.socketFactory()).isSameAs(tls.socketFactory());
    }
}
