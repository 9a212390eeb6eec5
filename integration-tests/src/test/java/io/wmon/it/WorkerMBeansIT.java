package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent's MXBeans, read from another JVM over a real JMX connector, as JConsole or an APM agent would. */
@Timeout(value = 90, unit = SECONDS)
class WorkerMBeansIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private final FleetRedis fleet = new FleetRedis(REDIS.host(), REDIS.port());

    @AfterEach
    void disconnect() {
        fleet.close();
    }

    @Test
    void workerAndPoolBeansReportTheRunningAgent() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "mbeans-1").with("poolMaxTotal", "3");
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                .agent(agent.toString()).args("--job-millis", "100"));
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();

        WorkerMXBean bean = JMX.newMXBeanProxy(jmx, ObjectNames.worker(), WorkerMXBean.class);
        assertThat(bean.getId()).isEqualTo(agent.id());
        assertThat(bean.getNamespace()).isEqualTo(AgentArgs.NAMESPACE);
        assertThat(bean.getPid()).isEqualTo(worker.pid());
        assertThat(bean.getState()).isIn("starting", "idle", "busy");
        long beats = bean.getHeartbeatCount();
        await("HeartbeatCount grows").atMost(Duration.ofSeconds(10))
                .until(bean::getHeartbeatCount, count -> count >= beats + 2);
        await("JobsProcessedCount grows").atMost(Duration.ofSeconds(10))
                .until(bean::getJobsProcessedCount, count -> count > 0);

        RedisPoolMXBean pool = JMX.newMXBeanProxy(jmx, ObjectNames.redisPool(agent.connectionName()),
                RedisPoolMXBean.class);
        assertThat(pool.getMaxTotal()).isEqualTo(3);
        assertThat(pool.getActive() + pool.getIdle()).isBetween(0, 3);
        assertThat(pool.getEndpoint()).contains("127.0.0.1:" + REDIS.port());
    }

    @Test
    void endpointAttributeRedactsThePasswordTheAgentReallyUses() {
        String password = "s3cret-pw-" + System.nanoTime();
        REDIS.probe().clients(); // connect the probe before the server wants a password
        fleet.requirePassword(password);
        try {
            String url = "redis://:" + password + "@127.0.0.1:" + REDIS.port();
            AgentArgs agent = AgentArgs.of(url, "mbeans-auth");
            WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                    .agent(agent.toString()).args("--job-millis", "100"));

            // The record proves the agent authenticated with the password before we look for it.
            assertThat(fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT)).doesNotContainValue(password);
            RedisPoolMXBean pool = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.redisPool(agent.connectionName()),
                    RedisPoolMXBean.class);
            assertThat(pool.getEndpoint()).contains("127.0.0.1:" + REDIS.port()).doesNotContain(password);
            assertThat(worker.stderr()).contains("wmon agent started").doesNotContain(password);
        } finally {
            fleet.requirePassword("");
        }
    }
}
