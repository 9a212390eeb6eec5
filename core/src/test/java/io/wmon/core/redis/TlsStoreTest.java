package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.test.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading trust stores and key stores: each format that works, and each mistake as one line that
 * names the option and the file, never the password.
 */
class TlsStoreTest {

    private static final TestCertificates CERTS = TestCertificates.get();
    private static final String PASSWORD = TestCertificates.STORE_PASSWORD;

    @TempDir
    Path dir;

    private static TlsStore trust(Path file, String password) {
        return TlsStore.of(TlsStore.Kind.TRUST, "tlsTrustStore", file, "tlsTrustStorePasswordFile", password);
    }

    private static TlsStore key(Path file, String password) {
        return TlsStore.of(TlsStore.Kind.KEY, "tlsKeyStore", file, "tlsKeyStorePasswordFile", password);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(TlsSettings settings, String... passwords) {
        AbstractThrowableAssert<?, ?> refused = assertThatThrownBy(settings::socketFactory)
                .isInstanceOf(InvalidTlsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300))
                .satisfies(e -> assertThat(e.toString()).isEqualTo(e.getMessage()))
                .hasNoCause();
        for (String password : passwords) {
            refused.satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
        }
        return refused;
    }

    @Test
    void pkcs12AndJksAreReadByContentWhateverTheFileIsCalled() throws IOException {
        Path jksCalledP12 = Files.copy(CERTS.trustStoreJks(), dir.resolve("trust.p12"));
        Path p12CalledJks = Files.copy(CERTS.clientKeyStoreP12(), dir.resolve("client.jks"));

        assertThat(TlsSettings.of(trust(jksCalledP12, PASSWORD), key(p12CalledJks, PASSWORD)).socketFactory()).isNotNull();
    }

    @Test
    void aJksTrustStoreNeedsNoPassword_norDoesPem() {
        assertThat(TlsSettings.of(trust(CERTS.trustStoreJks(), null), null).socketFactory()).isNotNull();
        assertThat(TlsSettings.of(trust(CERTS.caPem(), null), null).socketFactory()).isNotNull();
    }

    @Test
    void aWrongTrustStorePasswordIsNamedWithoutShowingIt() {
        assertRefused(TlsSettings.of(trust(CERTS.trustStoreP12(), "not-the-pw-77"), null), "not-the-pw-77", PASSWORD)
                .hasMessage("tlsTrustStore " + CERTS.trustStoreP12()
                        + " cannot be opened: wrong password (from tlsTrustStorePasswordFile) or a damaged file");
    }

    @Test
    void aWrongKeyStorePasswordIsNamedWithoutShowingIt() {
        assertRefused(TlsSettings.of(null, key(CERTS.clientKeyStoreP12(), "wrong-key-pw-55")), "wrong-key-pw-55", PASSWORD)
                .hasMessageStartingWith("tlsKeyStore " + CERTS.clientKeyStoreP12() + " cannot be opened: wrong password");
        assertRefused(TlsSettings.of(null, key(CERTS.clientKeyStoreJks(), "wrong-key-pw-55")), "wrong-key-pw-55", PASSWORD)
                .hasMessageContaining("wrong password (from tlsKeyStorePasswordFile)");
    }

    @Test
    void aKeyStoreWithoutAPasswordIsRefusedAtOnce() {
        assertThatThrownBy(() -> TlsSettings.of(null, key(CERTS.clientKeyStoreP12(), null)))
                .isInstanceOf(InvalidTlsException.class)
                .hasMessageContaining("tlsKeyStore " + CERTS.clientKeyStoreP12() + " needs a password file");
    }

    @Test
    void aMissingFileADirectoryAndGarbageAreEachOneLine() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertRefused(TlsSettings.of(trust(dir.resolve("nope.p12"), PASSWORD), null), PASSWORD)
                .hasMessageEndingWith("nope.p12 cannot be read (no such file)");
        assertRefused(TlsSettings.of(trust(dir, PASSWORD), null), PASSWORD)
                .hasMessageEndingWith("cannot be read (not a regular file)");
        assertRefused(TlsSettings.of(trust(garbage, PASSWORD), null), PASSWORD)
                .hasMessageEndingWith("garbage.p12 is not a PKCS12, JKS or PEM file");
        assertRefused(TlsSettings.of(null, key(garbage, PASSWORD)), PASSWORD)
                .hasMessageEndingWith("garbage.p12 is not a PKCS12 or JKS file");
    }

    @Test
    void aKeyStoreMustHoldAPrivateKey_aTrustStoreACertificate() throws IOException {
        assertRefused(TlsSettings.of(null, key(CERTS.trustStoreP12(), PASSWORD)), PASSWORD)
                .hasMessageEndingWith("holds no private key; a key store holds the client's certificate and key");
        Path notPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertRefused(TlsSettings.of(trust(notPem, null), null)).hasMessageEndingWith("is PEM text but not X.509 certificates");
        assertRefused(TlsSettings.of(null, key(CERTS.caPem(), PASSWORD)), PASSWORD)
                .hasMessageContaining("is PEM text; a key store must be PKCS12 or JKS");
    }

    @Test
    void aPathWithControlCharactersStaysOneLine() {
        assertRefused(TlsSettings.of(trust(dir.resolve("a\nb.p12"), PASSWORD), null), PASSWORD)
                .hasMessageContaining("a\\nb.p12");
    }

    @Test
    void settingsAreEqualByStoresAndPasswords_soTheRegistryKeepsDifferentClientsApart() {
        TlsSettings one = TlsSettings.of(trust(CERTS.trustStoreP12(), PASSWORD), key(CERTS.clientKeyStoreP12(), PASSWORD));
        TlsSettings same = TlsSettings.of(trust(CERTS.trustStoreP12(), PASSWORD), key(CERTS.clientKeyStoreP12(), PASSWORD));
        TlsSettings otherKey = TlsSettings.of(trust(CERTS.trustStoreP12(), PASSWORD), key(CERTS.strangerKeyStoreP12(), PASSWORD));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherKey);
        assertThat(RedisEndpoint.parse("rediss://h").withTls(one)).isEqualTo(RedisEndpoint.parse("rediss://h").withTls(same))
                .isNotEqualTo(RedisEndpoint.parse("rediss://h").withTls(otherKey))
                .isNotEqualTo(RedisEndpoint.parse("rediss://h"));
        assertThat(one.toString()).doesNotContain(PASSWORD)
                .isEqualTo("trust store " + CERTS.trustStoreP12() + " and key store " + CERTS.clientKeyStoreP12());
        assertThat(TlsSettings.jvmDefault().describe()).isEqualTo("JVM default trust");
    }

    @Test
    void tlsSettingsNeedARedissUrl_andSurviveAPasswordChange() {
        TlsSettings tls = TlsSettings.of(trust(CERTS.caPem(), null), null);

        assertThatThrownBy(() -> RedisEndpoint.parse("redis://h").withTls(tls))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rediss://");
        assertThat(RedisEndpoint.parse("rediss://h").withTls(tls).withPassword("x").tlsSettings()).isSameAs(tls);
        assertThat(RedisEndpoint.parse("redis://h").tlsSettings()).isNull();
    }
}
