package io.wmon.core.redis;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How wmon's {@code rediss://} connections trust the server and, for mutual TLS, prove who they
 * are: a trust store, a key store, both or neither.
 *
 * <p>The server's certificate is always verified, and so is its host name
 * ({@link #sslParameters()}: endpoint identification {@code HTTPS}, the certificate must name the
 * host of the URL). Without a trust store the JVM's default trust applies: the JDK's
 * {@code cacerts}, or whatever {@code javax.net.ssl.trustStore} the host application set. The
 * stores given here apply to wmon's own connections only: the context is wmon's own
 * {@link SSLContext}, never installed as the JVM's default, and no {@code javax.net.ssl.*}
 * property is read for the key store or written. Without a key store no client certificate is
 * sent, even when the host JVM configures one.
 *
 * <p>The context is built once, on the first call of {@link #socketFactory()} (when a pool for the
 * endpoint opens), and kept: a renewed store file takes effect when the process restarts.
 * Immutable apart from that cache; equal settings name equal stores with equal passwords.
 */
public final class TlsSettings {

    private static final TlsSettings JVM_DEFAULT = new TlsSettings(null, null);

    private final TlsStore trustStore;
    private final TlsStore keyStore;
    private SSLSocketFactory socketFactory; // guarded by this; built once

    private TlsSettings(TlsStore trustStore, TlsStore keyStore) {
        this.trustStore = trustStore;
        this.keyStore = keyStore;
    }

    /** The JVM's default trust, no client certificate; what {@code rediss://} uses unless configured. */
    public static TlsSettings jvmDefault() {
        return JVM_DEFAULT;
    }

    /**
     * @param trustStore a {@link TlsStore.Kind#TRUST} store, or {@code null} for the JVM's default trust
     * @param keyStore a {@link TlsStore.Kind#KEY} store, or {@code null} to send no client certificate
     * @throws IllegalArgumentException when a store is of the other kind, or a key store has no password
     */
    public static TlsSettings of(TlsStore trustStore, TlsStore keyStore) {
        if (trustStore != null && trustStore.kind() != TlsStore.Kind.TRUST) {
            throw new IllegalArgumentException("not a trust store: " + trustStore);
        }
        if (keyStore != null && keyStore.kind() != TlsStore.Kind.KEY) {
            throw new IllegalArgumentException("not a key store: " + keyStore);
        }
        if (keyStore != null && keyStore.passwordChars() == null) {
            throw new InvalidTlsException(keyStore.describe() + " needs a password file: a key store's private key "
                    + "is protected by its password");
        }
        return trustStore == null && keyStore == null ? JVM_DEFAULT : new TlsSettings(trustStore, keyStore);
    }

    /** The trust store, or {@code null} for the JVM's default trust. */
    public TlsStore trustStore() {
        return trustStore;
    }

    /** The key store, or {@code null} when no client certificate is sent. */
    public TlsStore keyStore() {
        return keyStore;
    }

    /**
     * The factory of wmon's TLS sockets, built on first use from the stores and then kept.
     *
     * @throws InvalidTlsException when a store cannot be used; the message names it, never a password
     */
    public synchronized SSLSocketFactory socketFactory() {
        if (socketFactory == null) {
            socketFactory = buildContext().getSocketFactory();
        }
        return socketFactory;
    }

    /** Parameters that make every handshake verify the server's host name against its certificate. */
    public static SSLParameters sslParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private SSLContext buildContext() {
        // Loaded before anything else, so that a bad store is reported as such.
        KeyManager[] keyManagers = keyStore == null ? null : keyManagers(keyStore);
        TrustManager[] trustManagers = trustStore == null ? null : trustManagers(trustStore);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // null managers: no client certificate, and the JVM's default trust (TrustManagerFactory's default).
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new InvalidTlsException("cannot set up TLS for Redis (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyManager[] keyManagers(TlsStore store) {
        KeyStore keys = store.load();
        char[] password = store.passwordChars();
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw store.invalid("has a private key whose password differs from the store's; wmon needs them equal");
        } catch (GeneralSecurityException e) {
            throw store.invalid("cannot be used as a key store (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static TrustManager[] trustManagers(TlsStore store) {
        KeyStore certificates = store.load();
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(certificates);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw store.invalid("cannot be used as a trust store (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * One phrase for a start-up line, never a password: {@code JVM default trust},
     * {@code trust store /etc/wmon/ca.pem and key store /etc/wmon/client.p12}.
     */
    public String describe() {
        String trust = trustStore == null ? "JVM default trust" : "trust store "
                + RedisEndpoint.escapeInvisible(trustStore.path().toString());
        return keyStore == null ? trust : trust + " and key store " + RedisEndpoint.escapeInvisible(keyStore.path().toString());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TlsSettings)) {
            return false;
        }
        TlsSettings that = (TlsSettings) o;
        return Objects.equals(trustStore, that.trustStore) && Objects.equals(keyStore, that.keyStore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trustStore, keyStore);
    }

    @Override
    public String toString() {
        return describe();
    }
}
