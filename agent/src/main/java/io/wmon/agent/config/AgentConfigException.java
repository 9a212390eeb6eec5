package io.wmon.agent.config;

/**
 * The agent's options cannot be used; the agent stays disabled and the host JVM keeps running.
 *
 * <p>The message is one line meant to be logged as is: it names the key, the offending value
 * (cut, control characters made visible, a password never shown), where the value came from
 * when not from the option string, and the accepted form, e.g.
 * {@code wmon agent disabled: interval='5x' is not a duration; use e.g. 500ms, 5s, 2m}.
 * It never carries a cause: a logged cause (an I/O exception's message, say) could show what
 * this message was careful to cut or hide.
 */
public final class AgentConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String PREFIX = "wmon agent disabled: ";

    AgentConfigException(String detail) {
        // A last guard for the one-line promise: details are built from already escaped values.
        super(PREFIX + ShownValue.escape(detail, Integer.MAX_VALUE));
    }
}
