package io.wmon.cli.shell;


/**
 * A PID, a JVM or a JMX endpoint that the command cannot reach; exits with
 * {@link ExitCodes#UNREACHABLE}. The message is the whole one-line diagnostic, without "wmon: ".
 */
public class TargetUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TargetUnreachableException(String message) {
        super(message);
    }

    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
