package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent's MXBeans, read from another JVM over a real JMX connector, as JConsole or an APM agent would. */
@Timeout(value = 90, unit = SECONDS)
class WorkerMBeansIT {

    private static final Duration BEAT_TIMEOUT = Duration.ofSeconds(10);
    private static final int BEATS_OBSERVED = 3;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void workerBeanReportsTheRunningAgent() {
        AgentArgs agent = FLEET.agent("mbeans-1");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(agent.toString()).args("--job-millis", "100"));
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);

        WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);
        assertThat(bean.getId()).isEqualTo(agent.id());
        assertThat(bean.getNamespace()).isEqualTo(AgentArgs.NAMESPACE);
        assertThat(bean.getPid()).isEqualTo(worker.pid());
        assertThat(bean.getState()).isIn("starting", "idle", "busy");
        long beats = bean.getHeartbeatCount();
        await("HeartbeatCount grows").atMost(BEAT_TIMEOUT).until(bean::getHeartbeatCount, count -> count >= beats + 2);
        await("JobsProcessedCount grows").atMost(BEAT_TIMEOUT).until(bean::getJobsProcessedCount, count -> count > 0);
        assertThat(bean.getHeartbeatFailureCount()).isZero();
    }

    /**
     * Only the heartbeat thread borrows from the shared pool, one call at a time, so right after a
     * beat (the next is a second away) nothing is borrowed, and the pool holds exactly one
     * connection: the one named connection the server lists, reused beat after beat.
     */
    @Test
    void poolBeanCountsExactlyTheNamedConnectionTheServerListsBetweenBeats() throws Exception {
        AgentArgs agent = FLEET.agent("mbeans-pool").with("poolMaxTotal", "3");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(agent.toString()).args("--stdin"));
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();
        WorkerMXBean bean = JMX.newMXBeanProxy(jmx, ObjectNames.worker(), WorkerMXBean.class);
        ObjectName poolName = ObjectNames.redisPool(agent.connectionName());
        RedisPoolMXBean pool = JMX.newMXBeanProxy(jmx, poolName, RedisPoolMXBean.class);
        assertThat(pool.getMaxTotal()).isEqualTo(3);
        assertThat(pool.getEndpoint()).contains("127.0.0.1:" + FLEET.redis().port());

        // The first beat is followed at once by the write of its starting → idle event: observe the beats after it.
        awaitTheEndOfABeat(bean);
        awaitTheEndOfABeat(bean);
        long borrowedBefore = -1;
        for (int i = 0; i < BEATS_OBSERVED; i++) {
            awaitTheEndOfABeat(bean);
            Map<String, Object> reading = read(jmx, poolName);
            long named = FLEET.probe().countClients(agent.connectionName());

            assertThat(named).as("named connections on the server").isEqualTo(1);
            assertThat(reading).as("pool right after beat %d", i)
                    .containsEntry("Active", 0).containsEntry("Idle", (int) named)
                    .containsEntry("CreatedCount", 1L).containsEntry("DestroyedCount", 0L);
            assertThat(reading.get("BorrowedCount")).isEqualTo(reading.get("ReturnedCount"));
            long borrowed = (Long) reading.get("BorrowedCount");
            assertThat(borrowed).as("borrowed by this beat").isGreaterThan(borrowedBefore);
            borrowedBefore = borrowed;
        }
    }

    @Test
    void endpointAttributeRedactsThePasswordTheAgentReallyUses() {
        String password = "s3cret-pw-" + System.nanoTime();
        FLEET.probe().clients(); // connect the probe before the server wants a password
        FLEET.records().requirePassword(password);
        try {
            String url = "redis://:" + password + "@127.0.0.1:" + FLEET.redis().port();
            AgentArgs agent = AgentArgs.of(url, "mbeans-auth");
            ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                    .agent(agent.toString()).args("--job-millis", "100"));

            // The record proves the agent authenticated with the password before we look for it.
            assertThat(FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT)).doesNotContainValue(password);
            RedisPoolMXBean pool = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.redisPool(agent.connectionName()),
                    RedisPoolMXBean.class);
            assertThat(pool.getEndpoint()).contains("127.0.0.1:" + FLEET.redis().port()).doesNotContain(password);
            assertThat(worker.stderr()).contains("wmon agent started").doesNotContain(password);
        } finally {
            FLEET.records().requirePassword("");
        }
    }

    /** Returns as soon as HeartbeatCount grew: the count rises after the beat returned its connection. */
    private static void awaitTheEndOfABeat(WorkerMXBean bean) {
        long beats = bean.getHeartbeatCount();
        await("the end of a beat").atMost(BEAT_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(bean::getHeartbeatCount, count -> count > beats);
    }

    /** The pool's counters in one JMX round trip. */
    private static Map<String, Object> read(MBeanServerConnection jmx, ObjectName pool)
            throws IOException, JMException {
        String[] names = {"Active", "Idle", "CreatedCount", "DestroyedCount", "BorrowedCount", "ReturnedCount"};
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : jmx.getAttributes(pool, names).asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        assertThat(values).as("attributes read").containsOnlyKeys(names);
        return values;
    }
}
