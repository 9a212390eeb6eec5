package io.wmon.it.harness;

import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real JMX connector to a worker's platform MBeanServer, found as JConsole finds it: the Attach
 * API starts the worker's local management agent and tells its address.
 */
final class WorkerJmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private WorkerJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    static WorkerJmx connect(long pid) {
        String address = AttachClient.localManagementAgent(pid);
        JMXConnector connector = null;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new WorkerJmx(connector);
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
                // the worker may be gone already
            }
        }
    }
}
