package io.wmon.cli.command.jmx;

import java.net.MalformedURLException;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code wmon jmx TARGET} reads: a local PID, or a remote JMX endpoint given as
 * {@code host:port} (the RMI registry of {@code com.sun.management.jmxremote.port}) or as a full
 * {@code service:jmx:} URL. Picocli parses the argument with {@link Converter}, so a malformed
 * TARGET is a usage error reported with the usage help.
 */
final class JmxTarget {

    /** Picocli's converter for the TARGET argument. */
    static final class Converter implements ITypeConverter<JmxTarget> {
        @Override
        public JmxTarget convert(String value) {
            return parse(value);
        }
    }

    private final String text;
    private final long pid;
    private final JMXServiceURL url;

    private JmxTarget(String text, long pid, JMXServiceURL url) {
        this.text = text;
        this.pid = pid;
        this.url = url;
    }

    /**
     * Parses a target.
     *
     * @throws TypeConversionException (a usage error) naming the accepted forms
     */
    static JmxTarget parse(String text) {
        String t = text.trim();
        if (t.matches("[0-9]{1,10}")) {
            long pid = Long.parseLong(t);
            if (pid <= 0) {
                throw new TypeConversionException("PID must be a positive number, was " + t);
            }
            return new JmxTarget(t, pid, null);
        }
        if (t.startsWith("service:jmx:")) {
            try {
                return new JmxTarget(t, 0, new JMXServiceURL(t));
            } catch (MalformedURLException e) {
                throw new TypeConversionException("'" + t + "' is not a valid JMX service URL: " + e.getMessage());
            }
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.substring(colon + 1).matches("[0-9]{1,5}")) {
            String host = t.substring(0, colon);
            int port = Integer.parseInt(t.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new TypeConversionException("port must be 1..65535 in '" + t + "'");
            }
            if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
                throw new TypeConversionException("write an IPv6 host in brackets: [" + host + "]:" + port);
            }
            if (host.isEmpty() || host.indexOf('/') >= 0) {
                throw new TypeConversionException("no host in '" + t + "'");
            }
            return new JmxTarget(t, 0, rmiRegistryUrl(host, port));
        }
        throw new TypeConversionException("TARGET '" + t + "' is not a PID, host:port or service:jmx: URL"
                + " (to read attributes, name the target first: wmon jmx PID State)");
    }

    private static JMXServiceURL rmiRegistryUrl(String host, int port) {
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new TypeConversionException("'" + host + ":" + port + "' is not a valid JMX address: "
                    + e.getMessage());
        }
    }

    boolean isLocal() {
        return url == null;
    }

    /** The local PID; only for a {@linkplain #isLocal local} target. */
    long pid() {
        return pid;
    }

    /** The remote JMX URL; only for a remote target. */
    JMXServiceURL url() {
        return url;
    }

    /** The target as the user wrote it. */
    String text() {
        return text;
    }

    /** {@code pid 123} or {@code 127.0.0.1:9010}: how messages name it. */
    String describe() {
        return isLocal() ? "pid " + pid : text;
    }
}
