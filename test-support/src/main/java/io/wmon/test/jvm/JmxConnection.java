package io.wmon.test.jvm;

import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real JMX connector to a child JVM's platform MBeanServer, found as JConsole finds it: the
 * Attach API starts the JVM's local management agent and tells its address.
 */
final class JmxConnection implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private JmxConnection(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    static JmxConnection connect(long pid) {
        String address = AttachSession.localManagementAgent(pid);
        JMXConnector connector = null;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new JmxConnection(connector);
        } catch (IOException e) {
            closeQuietly(connector);
            throw new IllegalStateException("cannot connect to " + address + " of pid " + pid, e);
        }
    }

    MBeanServerConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        closeQuietly(connector);
    }

    private static void closeQuietly(JMXConnector connector) {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // the JVM may be gone already
            }
        }
    }
}
