package io.wmon.test.topology;

import io.wmon.test.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for every server of a deployment, and nothing plain: {@code --port 0} with the client port as
 * {@code --tls-port}, the server certificate for {@code localhost} and {@code 127.0.0.1} from
 * {@link TestCertificates}, no client certificate asked ({@code tls-auth-clients no}), and TLS on the
 * links between the servers too: the cluster bus ({@code tls-cluster}) and replication, which also covers
 * a sentinel's connections to the servers and the other sentinels ({@code tls-replication}).
 *
 * <p>A node accepting a cluster bus link always asks for a client certificate, whatever
 * {@code tls-auth-clients} says, and refuses the server certificate there (made for {@code serverAuth}
 * only): each server therefore presents the client certificate on the links it opens
 * ({@code tls-client-cert-file}). Without it {@code CLUSTER MEET} answers OK and no handshake ever
 * completes.
 *
 * <p>The harness's own connections (set-up, health checks, probes) trust the test CA through
 * {@link #clientSocketFactory()}, a context of their own that never becomes the JVM's default.
 */
final class TopologyTls {

    private final TestCertificates certificates;
    private final SSLSocketFactory clientSocketFactory;

    private TopologyTls(TestCertificates certificates, SSLSocketFactory clientSocketFactory) {
        this.certificates = certificates;
        this.clientSocketFactory = clientSocketFactory;
    }

    static TopologyTls of(TestCertificates certificates) {
        return new TopologyTls(certificates, trusting(certificates));
    }

    /** The certificates the servers present, whose CA a client must trust. */
    TestCertificates certificates() {
        return certificates;
    }

    /** Sockets that trust the test CA, for the harness's connections. */
    SSLSocketFactory clientSocketFactory() {
        return clientSocketFactory;
    }

    /**
     * The arguments that make a server listen for TLS only, on {@code port}.
     *
     * @param cluster whether the server is a cluster node, whose bus then speaks TLS too
     */
    List<String> serverArguments(int port, boolean cluster) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--port", "0",
                "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificates.serverCert().toString(),
                "--tls-key-file", certificates.serverKey().toString(),
                "--tls-client-cert-file", certificates.clientCert().toString(),
                "--tls-client-key-file", certificates.clientKey().toString(),
                "--tls-ca-cert-file", certificates.caPem().toString(),
                "--tls-auth-clients", "no",
                "--tls-replication", "yes"));
        if (cluster) {
            arguments.addAll(List.of("--tls-cluster", "yes"));
        }
        return arguments;
    }

    private static SSLSocketFactory trusting(TestCertificates certificates) {
        try (InputStream in = Files.newInputStream(certificates.trustStoreP12())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + certificates.trustStoreP12(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + certificates.trustStoreP12(), e);
        }
    }
}
