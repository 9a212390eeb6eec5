package io.wmon.test.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PKI made at test time with {@code openssl} and {@code keytool}: a CA, a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, a server certificate for another host
 * only, a client certificate, and an unrelated CA, with the trust stores and key stores a Java
 * client needs in PKCS12, JKS and PEM.
 *
 * <p>Made once per JVM under a temporary directory (EC P-256 keys: the whole set takes well under a
 * second) and deleted when the JVM exits. Without {@code openssl} on the PATH the test is aborted
 * (reported as skipped), never failed.
 */
public final class TestCertificates {

    /** The password of every store and key made here; a test that checks it is never printed reads it from here. */
    public static final String STORE_PASSWORD = "store-s3cret-Tl5";
    /** The host names the main server certificate holds. */
    public static final List<String> SERVER_NAMES = List.of("localhost", "127.0.0.1");
    /** The only host name the {@link #wrongHostCert()} holds. */
    public static final String OTHER_HOST = "redis.other.invalid";

    private static TestCertificates made;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The set of this JVM, made on first use. */
    public static synchronized TestCertificates get() {
        if (made == null) {
            Optional<Path> openssl = onPath("openssl");
            Assumptions.assumeTrue(openssl.isPresent(), "openssl is not on the PATH; TLS tests need it");
            try {
                Path dir = Files.createTempDirectory("wmon-tls-");
                TestCertificates certificates = new TestCertificates(dir);
                certificates.make();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                made = certificates;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make test certificates", e);
            }
        }
        return made;
    }

    private void make() throws IOException {
        authority("ca", "wmon test CA");
        authority("other-ca", "some other CA");
        signed("server", "ca", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1", "serverAuth");
        signed("wrong-host", "ca", OTHER_HOST, "subjectAltName=DNS:" + OTHER_HOST, "serverAuth");
        signed("client", "ca", "wmon-client", "subjectAltName=DNS:wmon-client", "clientAuth");
        signed("other-client", "other-ca", "stranger", "subjectAltName=DNS:stranger", "clientAuth");
        String pass = "pass:" + STORE_PASSWORD;
        for (String client : List.of("client", "other-client", "server")) {
            openssl("pkcs12", "-export", "-in", client + ".crt", "-inkey", client + ".key", "-name", client,
                    "-out", client + ".p12", "-passout", pass);
            keytool("-importkeystore", "-srckeystore", client + ".p12", "-srcstoretype", "PKCS12",
                    "-srcstorepass", STORE_PASSWORD, "-destkeystore", client + ".jks", "-deststoretype", "JKS",
                    "-deststorepass", STORE_PASSWORD, "-destkeypass", STORE_PASSWORD, "-noprompt");
        }
        for (String ca : List.of("ca", "other-ca")) {
            keytool("-importcert", "-file", ca + ".crt", "-alias", ca, "-keystore", ca + "-trust.p12",
                    "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt");
            keytool("-importcert", "-file", ca + ".crt", "-alias", ca, "-keystore", ca + "-trust.jks",
                    "-storetype", "JKS", "-storepass", STORE_PASSWORD, "-noprompt");
        }
        Files.writeString(dir.resolve("store.password"), STORE_PASSWORD + "\n");
    }

    private void authority(String name, String subject) {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + subject,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void signed(String name, String ca, String commonName, String san, String usage) {
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", "/CN=" + commonName);
        write(name + ".ext", san + "\nextendedKeyUsage=" + usage + "\nbasicConstraints=CA:FALSE\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    /** The CA's certificate, PEM: what {@code redis-server --tls-ca-cert-file} takes, and a PEM trust store. */
    public Path caPem() {
        return file("ca.crt");
    }

    public Path serverCert() {
        return file("server.crt");
    }

    public Path serverKey() {
        return file("server.key");
    }

    /** The server's certificate and key as a PKCS12 key store, for Java servers (a JMX connector). */
    public Path serverKeyStoreP12() {
        return file("server.p12");
    }

    /** A server certificate from the same CA that names only {@link #OTHER_HOST}. */
    public Path wrongHostCert() {
        return file("wrong-host.crt");
    }

    public Path wrongHostKey() {
        return file("wrong-host.key");
    }

    /** A PKCS12 trust store (password {@link #STORE_PASSWORD}) holding the CA. */
    public Path trustStoreP12() {
        return file("ca-trust.p12");
    }

    /** The same as {@link #trustStoreP12()} in JKS. */
    public Path trustStoreJks() {
        return file("ca-trust.jks");
    }

    /** A PKCS12 trust store of a CA that signed none of the servers. */
    public Path otherTrustStoreP12() {
        return file("other-ca-trust.p12");
    }

    /** The client's certificate and key, PKCS12, signed by the CA. */
    public Path clientKeyStoreP12() {
        return file("client.p12");
    }

    /** The client's certificate, PEM, signed by the CA: what {@code redis-server --tls-client-cert-file} takes. */
    public Path clientCert() {
        return file("client.crt");
    }

    /** The client's private key, PEM. */
    public Path clientKey() {
        return file("client.key");
    }

    /** The same as {@link #clientKeyStoreP12()} in JKS. */
    public Path clientKeyStoreJks() {
        return file("client.jks");
    }

    /** A client key store signed by the other CA, which the server does not trust. */
    public Path strangerKeyStoreP12() {
        return file("other-client.p12");
    }

    /** A file holding {@link #STORE_PASSWORD} and a newline, readable by its owner only. */
    public Path storePasswordFile() {
        return file("store.password");
    }

    /** Writes {@code text} and a newline into a new owner-only file under {@code dir}; for wrong passwords. */
    public static Path secretFile(Path dir, String text) {
        try {
            Path file = Files.createTempFile(dir, "secret", "");
            Files.writeString(file, text + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void openssl(String... args) {
        run("openssl", args);
    }

    private void keytool(String... args) {
        String javaHome = System.getProperty("java.home");
        run(Path.of(javaHome, "bin", "keytool").toString(), args);
    }

    private void run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(Arrays.asList(args));
        Path log = dir.resolve("tool.log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish in 30 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + tool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
