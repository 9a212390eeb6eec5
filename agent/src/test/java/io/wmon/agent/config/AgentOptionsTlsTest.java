package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.redis.InvalidTlsException;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.TlsSettings;
import io.wmon.test.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS keys: checked while the JVM starts (files there, passwords read, {@code rediss://}),
 * the stores decoded only when the pool builds its context, every mistake one line without a password.
 */
class AgentOptionsTlsTest {

    private static final Map<String, String> ENV = Map.of("HOSTNAME", "node-1");
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final String PASSWORD = TestCertificates.STORE_PASSWORD;

    @TempDir
    Path dir;

    private static AgentOptions parse(String args) {
        return AgentOptions.parse(args, ENV);
    }

    @Test
    void storesAndTheirPasswordFilesAttachToTheRedissEndpoint() {
        AgentOptions o = parse("redis=rediss://localhost:6380,tlsTrustStore=" + CERTS.trustStoreP12()
                + ",tlsTrustStorePasswordFile=" + CERTS.storePasswordFile() + ",tlsKeyStore=" + CERTS.clientKeyStoreP12()
                + ",tlsKeyStorePasswordFile=" + CERTS.storePasswordFile());

        TlsSettings tls = o.redis().tlsSettings();
        assertThat(tls.trustStore().path()).isEqualTo(CERTS.trustStoreP12());
        assertThat(tls.keyStore().path()).isEqualTo(CERTS.clientKeyStoreP12());
        assertThat(tls.socketFactory()).isNotNull();
        assertThat(o.describe()).isEqualTo("mode=start, redis=rediss://localhost:6380, tls=trust store "
                + CERTS.trustStoreP12() + " and key store " + CERTS.clientKeyStoreP12()
                + ", password=none, namespace=default, id=node-1-" + ProcessHandle.current().pid()
                + ", interval=5s, poolMaxTotal=4, leakThreshold=32, redisPorts=6379+6380").doesNotContain(PASSWORD);
    }

    @Test
    void rediss_withoutStoresSaysItUsesTheJvmDefaultTrust() {
        AgentOptions o = parse("redis=rediss://cache");

        assertThat(o.redis().tlsSettings()).isEqualTo(TlsSettings.jvmDefault());
        assertThat(o.describe()).contains("redis=rediss://cache:6379, tls=JVM default trust, password=none");
        assertThat(parse("redis=redis://cache").describe()).doesNotContain("tls=");
    }

    @Test
    void aPemTrustStoreNeedsNoPasswordFile() {
        AgentOptions o = parse("redis=rediss://localhost,tlsTrustStore=" + CERTS.caPem());

        assertThat(o.redis().tlsSettings().socketFactory()).isNotNull();
    }

    @Test
    void aTlsKeyWithoutRedissIsRefused() {
        assertThat(AgentOptionsErrorTest.error("redis=redis://cache,tlsTrustStore=" + CERTS.caPem()))
                .isEqualTo("wmon agent disabled: tlsTrustStore is set, but redis is redis://cache:6379 (no TLS); "
                        + "use a rediss:// URL, or leave the TLS keys out");
    }

    @Test
    void aKeyStoreNeedsItsPasswordFile_andAPasswordFileItsStore() {
        assertThat(AgentOptionsErrorTest.error("redis=rediss://h,tlsKeyStore=" + CERTS.clientKeyStoreP12()))
                .isEqualTo("wmon agent disabled: tlsKeyStore needs tlsKeyStorePasswordFile, a file holding the key "
                        + "store's password");
        assertThat(AgentOptionsErrorTest.error("redis=rediss://h,tlsTrustStorePasswordFile=" + CERTS.storePasswordFile()))
                .isEqualTo("wmon agent disabled: tlsTrustStorePasswordFile is set without tlsTrustStore; name the "
                        + "store too");
    }

    @Test
    void missingFilesAndAnEmptyPasswordFileAreNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThat(AgentOptionsErrorTest.error("redis=rediss://h,tlsTrustStore=" + dir.resolve("nope.p12")))
                .startsWith("wmon agent disabled: tlsTrustStore='" + dir.resolve("nope.p12")
                        + "' cannot be read (no such file)");
        assertThat(AgentOptionsErrorTest.error("redis=rediss://h,tlsTrustStore=" + dir))
                .contains("cannot be read (not a regular file)");
        assertThat(AgentOptionsErrorTest.error("redis=rediss://h,tlsTrustStore=" + CERTS.trustStoreP12()
                + ",tlsTrustStorePasswordFile=" + empty))
                .startsWith("wmon agent disabled: tlsTrustStorePasswordFile='" + empty + "' is empty");
    }

    @Test
    void aWrongPasswordIsFoundWhenThePoolBuildsItsContext_asOneLineWithoutThePassword() throws Exception {
        Path wrong = TestCertificates.secretFile(dir, "wrong-Pw-31");
        AgentOptions o = parse("redis=rediss://h,tlsKeyStore=" + CERTS.clientKeyStoreP12()
                + ",tlsKeyStorePasswordFile=" + wrong);

        assertThatThrownBy(() -> o.redis().tlsSettings().socketFactory())
                .isInstanceOf(InvalidTlsException.class)
                .hasMessage("tlsKeyStore " + CERTS.clientKeyStoreP12() + " cannot be opened: wrong password (from "
                        + "tlsKeyStorePasswordFile) or a damaged file")
                .satisfies(e -> assertThat(e.toString()).isEqualTo(e.getMessage()));
    }

    @Test
    void theKeysWorkFromAConfigFileToo() throws Exception {
        Path config = Files.writeString(dir.resolve("wmon.properties"), "redis=rediss://localhost:6390\n"
                + "tlsTrustStore=" + CERTS.trustStoreJks() + "\n");

        RedisEndpoint endpoint = parse("config=" + config).redis();
        assertThat(endpoint.tlsSettings().trustStore().path()).isEqualTo(CERTS.trustStoreJks());
        assertThat(AgentOptionsErrorTest.error("config=" + Files.writeString(dir.resolve("bad.properties"),
                "tlsKeyStore=" + CERTS.clientKeyStoreP12() + "\n"))).endsWith(" (in config file "
                + dir.resolve("bad.properties") + ")");
    }
}
