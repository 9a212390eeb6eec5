package io.wmon.core.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;

/**
 * One trust store or key store file named by an option, with its password; loaded only when a
 * pool builds its TLS context ({@link TlsSettings#socketFactory()}).
 *
 * <p>PKCS12 and JKS are recognised by their content, whatever the file is called
 * ({@link KeyStore#getInstance(java.io.File, char[])} probes the format). A trust store may also
 * be PEM: one or more {@code -----BEGIN CERTIFICATE-----} blocks, as managed Redis services hand
 * out their CA. Equality is by option, path and password, so that the pool registry keeps
 * endpoints with different stores apart; the password is never shown.
 */
public final class TlsStore {

    /** What a store is for. */
    public enum Kind {
        /** Certificates of the authorities that may sign the server's certificate. */
        TRUST,
        /** The client's certificate and private key, for servers that require one (mutual TLS). */
        KEY
    }

    /** Larger files are not key stores: a trust store of every public CA is about 200 KiB. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private final Kind kind;
    private final String option;
    private final Path path;
    private final String passwordOption;
    private final String password;

    private TlsStore(Kind kind, String option, Path path, String passwordOption, String password) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.option = Objects.requireNonNull(option, "option");
        this.path = Objects.requireNonNull(path, "path");
        this.passwordOption = passwordOption;
        this.password = password;
    }

    /**
     * A store file.
     *
     * @param option how the user named the store, shown in errors: {@code tlsTrustStore}, {@code --tls-key-store}
     * @param passwordOption how the password was given, shown in errors; {@code null} with no password
     * @param password the store's password (and its key's), or {@code null}; a key store needs one
     */
    public static TlsStore of(Kind kind, String option, Path path, String passwordOption, String password) {
        return new TlsStore(kind, option, path, password == null ? null : passwordOption, password);
    }

    public Kind kind() {
        return kind;
    }

    public Path path() {
        return path;
    }

    /** {@code tlsTrustStore /etc/wmon/ca.p12}: the option and the path, made safe to print. */
    public String describe() {
        return option + " " + RedisEndpoint.escapeInvisible(path.toString());
    }

    char[] passwordChars() {
        return password == null ? null : password.toCharArray();
    }

    /**
     * The loaded store.
     *
     * @throws InvalidTlsException naming the store and what is wrong with it
     */
    KeyStore load() {
        byte[] bytes = read();
        if (startsWithPem(bytes)) {
            if (kind == Kind.KEY) {
                throw invalid("is PEM text; a key store must be PKCS12 or JKS (openssl pkcs12 -export "
                        + "-in client.crt -inkey client.key -out client.p12)");
            }
            return pemTrustStore(bytes);
        }
        KeyStore store = probe();
        if (kind == Kind.TRUST && !holds(store, false)) {
            throw invalid("holds no certificate" + (password == null
                    ? "; if it is protected by a password, give the password file too" : ""));
        }
        if (kind == Kind.KEY && !holds(store, true)) {
            throw invalid("holds no private key; a key store holds the client's certificate and key");
        }
        return store;
    }

    private byte[] read() {
        if (!Files.exists(path)) {
            throw invalid("cannot be read (no such file)");
        }
        if (!Files.isRegularFile(path)) {
            throw invalid("cannot be read (not a regular file)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw invalid("is larger than " + MAX_BYTES + " bytes; it is not a key store");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw invalid("cannot be read (no such file)");
        } catch (AccessDeniedException e) {
            throw invalid("cannot be read (permission denied)");
        } catch (IOException e) {
            throw invalid("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private KeyStore probe() {
        char[] chars = passwordChars();
        try {
            return KeyStore.getInstance(path.toFile(), chars);
        } catch (IOException e) {
            if (isWrongPassword(e)) {
                throw invalid(password == null ? "needs a password; give the password file too"
                        : "cannot be opened: wrong password (from " + passwordOption + ") or a damaged file");
            }
            throw invalid("cannot be opened as PKCS12 or JKS (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid(kind == Kind.TRUST ? "is not a PKCS12, JKS or PEM file" : "is not a PKCS12 or JKS file");
        } finally {
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    private static boolean isWrongPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnrecoverableKeyException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("password was incorrect") || message.contains("Integrity check failed")) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(KeyStore store, boolean privateKey) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (privateKey ? store.isKeyEntry(alias) : store.isCertificateEntry(alias) || store.isKeyEntry(alias)) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private static boolean startsWithPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII);
        return head.contains(PEM_CERTIFICATE) || head.contains("-----BEGIN ");
    }

    private KeyStore pemTrustStore(byte[] bytes) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw invalid("is PEM text but not X.509 certificates");
        }
        if (certificates.isEmpty()) {
            throw invalid("holds no certificate (PEM without a BEGIN CERTIFICATE block)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("pem-" + n++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw invalid("cannot be read as certificates (" + e.getClass().getSimpleName() + ")");
        }
    }

    InvalidTlsException invalid(String problem) {
        return new InvalidTlsException(describe() + " " + problem);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TlsStore)) {
            return false;
        }
        TlsStore that = (TlsStore) o;
        return kind == that.kind && option.equals(that.option) && path.equals(that.path)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, option, path);
    }

    @Override
    public String toString() {
        return describe();
    }
}
