package io.wmon.cli.command.jmx;

import io.wmon.cli.jvm.AttachedVm;
import io.wmon.cli.shell.TargetUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * An open JMX connection to a {@link JmxTarget}; closing it closes the connector.
 *
 * <p>A local PID is reached through the Attach API: the session reads {@code wmon.agent.version}
 * (so that a JVM without the agent is reported without touching it further), starts the target's
 * local management agent, and detaches before the JMX connection is made. No Java agent is loaded.
 */
final class JmxConnection implements AutoCloseable {

    /** How long a connection attempt may take before the target counts as unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JmxConnection(JMXConnector connector, MBeanServerConnection server) {
        this.connector = connector;
        this.server = server;
    }

    /**
     * Connects to {@code target}.
     *
     * @param user the JMX user for a remote target, or {@code null}
     * @param password its password, or {@code null}
     * @throws TargetUnreachableException with one line saying what failed
     */
    static JmxConnection open(JmxTarget target, String user, String password) {
        if (target.isLocal()) {
            return connect(localConnectorAddress(target.pid()), Map.of(), target.describe(), null);
        }
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        }
        return connect(target.url(), env, target.describe(), user);
    }

    private static JMXServiceURL localConnectorAddress(long pid) {
        String address;
        try (AttachedVm vm = AttachedVm.attach(pid)) {
            if (vm.agentVersion().isEmpty()) {
                throw new TargetUnreachableException("wmon agent not running in pid " + pid
                        + "; load it with: wmon attach " + pid);
            }
            address = vm.startLocalManagementAgent();
        }
        try {
            return new JMXServiceURL(address);
        } catch (IOException e) {
            throw new TargetUnreachableException("pid " + pid + " returned a JMX address that is not a URL", e);
        }
    }

    private static JmxConnection connect(JMXServiceURL url, Map<String, ?> env, String where, String user) {
        // RMI has no overall connect timeout; a black-holed address would hang the CLI for minutes.
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wmon-jmx-connect");
            thread.setDaemon(true);
            return thread;
        });
        Future<JMXConnector> attempt = executor.submit(() -> JMXConnectorFactory.connect(url, env));
        try {
            JMXConnector connector = attempt.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return new JmxConnection(connector, connector.getMBeanServerConnection());
            } catch (IOException | RuntimeException e) {
                connector.close();
                throw e;
            }
        } catch (ExecutionException e) {
            throw new TargetUnreachableException(JmxFailures.describe(e.getCause(), where, user), e.getCause());
        } catch (TimeoutException e) {
            attempt.cancel(true);
            throw new TargetUnreachableException("cannot connect to JMX at " + where + ": no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (IOException | SecurityException e) {
            throw new TargetUnreachableException(JmxFailures.describe(e, where, user), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while connecting to JMX at " + where, e);
        } finally {
            executor.shutdown();
        }
    }

    MBeanServerConnection server() {
        return server;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // The target went away; nothing is left open on this side.
        }
    }
}
