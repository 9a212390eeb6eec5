package io.wmon.core.redis;

/**
 * A trust store or key store that wmon cannot use: missing, unreadable, not a key store, a wrong
 * password, or without the certificate or key it must hold.
 *
 * <p>The message is one line, ready to show, naming the option that set the store, its path and
 * what to do, e.g. {@code tlsKeyStore /etc/wmon/client.p12 cannot be opened: wrong password (from
 * tlsKeyStorePasswordFile) or a damaged file}. It never holds a password and never carries a
 * cause, whose message could show more than this one means to.
 */
public class InvalidTlsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidTlsException(String message) {
        super(message);
    }

    /**
     * The message alone, without the class name: the agent logs a failed start as
     * {@code wmon agent could not start: <exception>}, and that line should read as a sentence.
     */
    @Override
    public String toString() {
        return getMessage();
    }
}
