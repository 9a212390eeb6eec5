package io.wmon.cli.shell;

import io.wmon.core.redis.InvalidTlsException;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.TlsSettings;
import io.wmon.core.redis.TlsStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The CLI's TLS flags for {@code rediss://}: a trust store and a client key store, with their
 * passwords read from files. They apply to wmon's connection only; without a trust store the JVM's
 * default trust applies (the JDK's {@code cacerts}). The server's host name is always verified.
 *
 * <p>The stores are read and checked once, when the endpoint is first asked for, so that a missing
 * file, a wrong password or a file that is no key store is a usage error (exit 2) naming the flag
 * and the file, never the password; the pool then uses the context built here.
 */
public final class TlsOptions {

    private static final int MAX_PASSWORD_BYTES = 4096;

    @Option(names = "--tls-trust-store", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Trust store for rediss:// (PKCS12, JKS or PEM certificates); default: the JVM's trust.")
    Path trustStore;

    @Option(names = "--tls-trust-store-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File holding the trust store's password (PKCS12 usually needs one).")
    Path trustStorePasswordFile;

    @Option(names = "--tls-key-store", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Client certificate and key for mutual TLS (PKCS12 or JKS).")
    Path keyStore;

    @Option(names = "--tls-key-store-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File holding the key store's password (required with --tls-key-store).")
    Path keyStorePasswordFile;

    private TlsSettings checked;

    /**
     * {@code endpoint} with the stores the flags name; as it is when no flag is given.
     *
     * @throws ParameterException (exit 2) for a flag without {@code rediss://}, a missing file, a
     *     wrong password or a file that is no store
     */
    public RedisEndpoint applyTo(RedisEndpoint endpoint, CommandLine command) {
        if (trustStore == null && keyStore == null && trustStorePasswordFile == null && keyStorePasswordFile == null) {
            return endpoint;
        }
        if (!endpoint.tls()) {
            throw new ParameterException(command, "the --tls-… flags need a rediss:// URL; --redis is "
                    + endpoint.redacted());
        }
        return endpoint.withTls(settings(command));
    }

    private synchronized TlsSettings settings(CommandLine command) {
        if (checked == null) {
            requirePair(trustStorePasswordFile, trustStore, "--tls-trust-store-password-file", "--tls-trust-store", command);
            requirePair(keyStorePasswordFile, keyStore, "--tls-key-store-password-file", "--tls-key-store", command);
            if (keyStore != null && keyStorePasswordFile == null) {
                throw new ParameterException(command, "--tls-key-store needs --tls-key-store-password-file, a file "
                        + "holding the key store's password");
            }
            try {
                TlsSettings settings = TlsSettings.of(
                        store(TlsStore.Kind.TRUST, "--tls-trust-store", trustStore, "--tls-trust-store-password-file",
                                trustStorePasswordFile, command),
                        store(TlsStore.Kind.KEY, "--tls-key-store", keyStore, "--tls-key-store-password-file",
                                keyStorePasswordFile, command));
                settings.socketFactory(); // reads the stores now: a bad one is a usage error, not a failed connection
                checked = settings;
            } catch (InvalidTlsException e) {
                throw new ParameterException(command, e.getMessage());
            }
        }
        return checked;
    }

    private static void requirePair(Path passwordFile, Path store, String passwordFlag, String storeFlag,
            CommandLine command) {
        if (passwordFile != null && store == null) {
            throw new ParameterException(command, passwordFlag + " is given without " + storeFlag);
        }
    }

    private static TlsStore store(TlsStore.Kind kind, String flag, Path file, String passwordFlag, Path passwordFile,
            CommandLine command) {
        if (file == null) {
            return null;
        }
        String password = passwordFile == null ? null : password(passwordFlag, passwordFile, command);
        return TlsStore.of(kind, flag, file, passwordFlag, password);
    }

    /** The file's text without one trailing line break; errors name the file, never its contents. */
    private static String password(String flag, Path file, CommandLine command) {
        String shown = flag + " " + file;
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(command, shown + " cannot be read (" + (Files.exists(file)
                    ? "not a regular file" : "no such file") + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PASSWORD_BYTES + 1);
        } catch (IOException e) {
            throw new ParameterException(command, shown + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new ParameterException(command, shown + " is larger than " + MAX_PASSWORD_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ParameterException(command, shown + " is not UTF-8 text");
        }
        int newline = text.endsWith("\r\n") ? 2 : text.endsWith("\n") ? 1 : 0;
        text = text.substring(0, text.length() - newline);
        if (text.isEmpty()) {
            throw new ParameterException(command, shown + " is empty");
        }
        return text;
    }
}
