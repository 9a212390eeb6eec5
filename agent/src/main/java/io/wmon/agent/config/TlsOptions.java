package io.wmon.agent.config;

import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.TlsSettings;
import io.wmon.core.redis.TlsStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS keys: {@code tlsTrustStore}, {@code tlsKeyStore} and their password files, checked up
 * front and attached to the {@code rediss://} endpoint.
 *
 * <p>Only what is cheap is done while the JVM starts: the store files must exist and be readable,
 * and the password files are read. Decoding the stores and building the TLS context waits for the
 * agent's own thread (the first pool), so that {@code premain} stays fast; a store that turns out
 * to be damaged, or a wrong password, disables the agent there with one line naming the store.
 * The stores serve wmon's connections only; the host JVM's {@code javax.net.ssl.*} defaults are
 * neither read for them nor changed.
 */
final class TlsOptions {

    private static final String STORE_FORM = "the path of a readable PKCS12 or JKS file (a trust store may be PEM)";

    private TlsOptions() {
    }

    /** {@code endpoint} with the configured stores, or as it is when no TLS key is given. */
    static RedisEndpoint apply(RedisEndpoint endpoint, SettingLayers layers) {
        Setting trust = layers.get(OptionKey.TLS_TRUST_STORE);
        Setting trustPassword = layers.get(OptionKey.TLS_TRUST_STORE_PASSWORD_FILE);
        Setting key = layers.get(OptionKey.TLS_KEY_STORE);
        Setting keyPassword = layers.get(OptionKey.TLS_KEY_STORE_PASSWORD_FILE);
        Setting first = trust != null ? trust : trustPassword != null ? trustPassword : key != null ? key : keyPassword;
        if (first == null) {
            return endpoint;
        }
        if (!endpoint.tls()) {
            throw new AgentConfigException(first.keyName() + " is set, but redis is " + endpoint.redacted()
                    + " (no TLS); use a rediss:// URL, or leave the TLS keys out" + first.where());
        }
        requirePair(trustPassword, trust, OptionKey.TLS_TRUST_STORE);
        requirePair(keyPassword, key, OptionKey.TLS_KEY_STORE);
        if (key != null && keyPassword == null) {
            throw new AgentConfigException(OptionKey.TLS_KEY_STORE.key() + " needs "
                    + OptionKey.TLS_KEY_STORE_PASSWORD_FILE.key() + ", a file holding the key store's password"
                    + key.where());
        }
        TlsStore trustStore = trust == null ? null : store(TlsStore.Kind.TRUST, trust, trustPassword);
        TlsStore keyStore = key == null ? null : store(TlsStore.Kind.KEY, key, keyPassword);
        return endpoint.withTls(TlsSettings.of(trustStore, keyStore));
    }

    private static void requirePair(Setting passwordFile, Setting store, OptionKey storeKey) {
        if (passwordFile != null && store == null) {
            throw new AgentConfigException(passwordFile.keyName() + " is set without " + storeKey.key()
                    + "; name the store too" + passwordFile.where());
        }
    }

    private static TlsStore store(TlsStore.Kind kind, Setting file, Setting passwordFile) {
        Path path = file.path();
        if (!Files.exists(path)) {
            throw file.invalid("cannot be read (no such file)", STORE_FORM);
        }
        if (!Files.isRegularFile(path)) {
            throw file.invalid("cannot be read (not a regular file)", STORE_FORM);
        }
        if (!Files.isReadable(path)) {
            throw file.invalid("cannot be read (permission denied)", STORE_FORM);
        }
        String password = passwordFile == null ? null
                : passwordFile.secretText(AgentOptions.MAX_PASSWORD_FILE_BYTES, "a file holding the store's password");
        return TlsStore.of(kind, file.keyName(), path, passwordFile == null ? null : passwordFile.keyName(), password);
    }
}
