package io.wmon.cli.command.jmx;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.rmi.ConnectIOException;
import javax.naming.NameNotFoundException;
import javax.net.ssl.SSLException;

/**
 * Says in one line why a JMX connection failed, looking through RMI's and JNDI's nested causes for
 * the one that matters: refused, authentication, unknown host, timeout, TLS.
 */
final class JmxFailures {

    private JmxFailures() {
    }

    /**
     * @param where how to name the endpoint, e.g. {@code 127.0.0.1:9010}
     * @param user the user that tried, or {@code null}
     */
    static String describe(Throwable failure, String where, String user) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String reason = known(t, where, user);
            if (reason != null) {
                return reason;
            }
        }
        return "cannot connect to JMX at " + where + ": " + firstLine(failure);
    }

    private static String known(Throwable t, String where, String user) {
        if (t instanceof SecurityException) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Credentials required")) {
                return "JMX at " + where + " requires authentication: pass --user and --password-file";
            }
            return "JMX authentication failed at " + where + (user == null ? "" : " for user '" + user + "'")
                    + ": wrong user or password, or the user has no access";
        }
        if (t instanceof ConnectException || t instanceof java.rmi.ConnectException) {
            if (t instanceof java.rmi.ConnectException && t.getCause() != null) {
                return null; // the nested java.net exception says more
            }
            return "cannot connect to JMX at " + where + ": connection refused; is the JVM started with "
                    + "-Dcom.sun.management.jmxremote.port, and is the port right?";
        }
        if (t instanceof UnknownHostException) {
            return "cannot connect to JMX at " + where + ": unknown host " + t.getMessage();
        }
        if (t instanceof NoRouteToHostException) {
            return "cannot connect to JMX at " + where + ": no route to host";
        }
        if (t instanceof SocketTimeoutException) {
            return "cannot connect to JMX at " + where + ": no answer (timed out)";
        }
        if (t instanceof NameNotFoundException) {
            return "cannot connect to JMX at " + where + ": no JMX connector registered there as jmxrmi";
        }
        if (t instanceof SSLException) {
            return "cannot connect to JMX at " + where + ": TLS handshake failed (" + firstLine(t) + ")";
        }
        if (t instanceof ConnectIOException && t.getCause() == null) {
            return "cannot connect to JMX at " + where + ": not a JMX (RMI) port";
        }
        return null;
    }

    static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
