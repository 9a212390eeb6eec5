package io.wmon.test;

import io.wmon.test.tls.TestCertificates;
import java.nio.file.Path;
import java.util.List;

/**
 * How a test server speaks TLS: on a second port ({@code --tls-port}) beside its plain one, which
 * the harness keeps for readiness checks and its probe, with the given certificate, key and CA.
 *
 * @param cert the server's certificate, PEM
 * @param key its private key, PEM
 * @param ca the CA that signs the clients' certificates (and the server's), PEM
 * @param authClients whether the server requires a client certificate (mutual TLS)
 */
public record RedisTls(Path cert, Path key, Path ca, boolean authClients) {

    /** The server certificate for localhost and 127.0.0.1; {@code mutual} requires a client certificate. */
    public static RedisTls of(TestCertificates certificates, boolean mutual) {
        return new RedisTls(certificates.serverCert(), certificates.serverKey(), certificates.caPem(), mutual);
    }

    /** A certificate from the trusted CA that names another host: a client must refuse it. */
    public static RedisTls wrongHost(TestCertificates certificates) {
        return new RedisTls(certificates.wrongHostCert(), certificates.wrongHostKey(), certificates.caPem(), false);
    }

    List<String> arguments(int tlsPort) {
        return List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", ca.toString(),
                "--tls-auth-clients", authClients ? "yes" : "no");
    }
}
