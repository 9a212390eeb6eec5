package io.wmon.core.redis;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Names a failed TLS handshake in a few words that say what to change: the server's certificate
 * is not trusted, does not name the host, the server wants a client certificate, or the port does
 * not speak TLS. The JDK's own messages ({@code PKIX path building failed:
 * sun.security.provider.certpath.SunCertPathBuilderException: …}) say it in a way few can act on.
 */
final class TlsFailures {

    private static final int MAX_DEPTH = 12;

    /**
     * A connection set-up that failed on a TLS endpoint in a way the handshake itself does not
     * report, with the likely cause; its message is the reason shown.
     */
    static final class SetupFailure extends JedisConnectionException {

        private static final long serialVersionUID = 1L;

        SetupFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private TlsFailures() {
    }

    /** The translated exception when {@code e} is a TLS failure, else {@code null}. */
    static RedisUnavailableException translate(RedisEndpoint endpoint, JedisException e) {
        if (!(e instanceof JedisConnectionException)) {
            return null;
        }
        String reason = reason(e, endpoint);
        return reason == null ? null : new RedisUnavailableException(endpoint.redacted(), reason, e);
    }

    /**
     * {@code e}, a failure while a new connection to the TLS {@code endpoint} was set up, with the
     * likely cause named when the JDK cannot know it, else {@code e} itself. With TLS 1.3 the client
     * finishes its handshake before the server has checked the client's certificate; a server that
     * requires one then just closes the connection, and the client sees a broken pipe or the end of
     * the stream on its first command. A handshake that times out has most likely reached a plain port.
     */
    static JedisConnectionException duringSetup(JedisConnectionException e, RedisEndpoint endpoint, int timeoutMillis) {
        if (reason(e, endpoint) != null) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException && inHandshake(t)) {
                return new SetupFailure("TLS: no TLS answer from port " + endpoint.port() + " within " + timeoutMillis
                        + " ms; is it the server's TLS port (tls-port), not its plain one?", e);
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Broken pipe") || message.contains("Connection reset")
                    || message.contains("Unexpected end of stream")) {
                return new SetupFailure("TLS: the server closed the connection right after the handshake ("
                        + firstLine(message) + "); if it requires client certificates (tls-auth-clients), give a "
                        + "key store whose certificate its CA signed (agent tlsKeyStore, CLI --tls-key-store)", e);
            }
        }
        return e;
    }

    private static boolean inHandshake(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("sun.security.ssl.") && frame.getMethodName().contains("andshake")) {
                return true;
            }
        }
        return false;
    }

    /** The reason, or {@code null} when nothing in the chain is about TLS. */
    static String reason(Throwable e, RedisEndpoint endpoint) {
        SSLException ssl = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SetupFailure) {
                return t.getMessage();
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "TLS: the server's certificate is not trusted (no trusted CA signed it); name the CA's "
                        + "certificate in the trust store (agent tlsTrustStore, CLI --tls-trust-store)";
            }
            if (t instanceof CertificateException && isNameMismatch(t.getMessage())) {
                return "TLS: the server's certificate does not name host " + endpoint.host()
                        + " (host-name verification); connect by a name the certificate holds";
            }
            if (t instanceof SSLException && ssl == null) {
                ssl = (SSLException) t;
            }
        }
        if (ssl == null) {
            return null;
        }
        String message = String.valueOf(ssl.getMessage());
        // An alert the server sent: it wants a certificate, or does not know the CA of the one given.
        // (A server certificate the client does not trust fails here, as a CertPath exception, not as an alert.)
        if (message.contains("certificate_required") || message.contains("bad_certificate")
                || (message.startsWith("Received fatal alert") && message.contains("unknown_ca"))) {
            return "TLS: the server refused the client certificate, or wants one; give a key store the server's "
                    + "CA trusts (agent tlsKeyStore, CLI --tls-key-store)";
        }
        if (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext")) {
            return "TLS: the server does not speak TLS on port " + endpoint.port() + "; use redis:// or its TLS port";
        }
        String kind = ssl instanceof SSLHandshakeException ? "TLS handshake failed" : "TLS failed";
        return kind + ": " + RedisEndpoint.escapeInvisible(firstLine(message));
    }

    private static boolean isNameMismatch(String message) {
        String text = String.valueOf(message);
        return text.startsWith("No subject alternative") || text.startsWith("No name matching");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
