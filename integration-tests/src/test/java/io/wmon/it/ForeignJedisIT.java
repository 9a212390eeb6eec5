package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker brings its own Jedis 5 and commons-pool2 2.12 (unrelocated, on the class path) while
 * the agent runs its relocated Jedis 8: both work side by side, and the agent observes the
 * application's pool without counting its own.
 */
@Timeout(value = 90, unit = SECONDS)
class ForeignJedisIT {

    private static final String APP_POOLS = "org.apache.commons.pool2:type=GenericObjectPool,*";

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void applicationJedis5RunsBesideTheAgent() throws Exception {
        AgentArgs agent = FLEET.agent("foreign-jedis");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString())
                .args("--redis", FLEET.redis().url(), "--app-pool", "--job-millis", "100"));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        worker.awaitStdout("^job job-10 succeeded$", ChildProcess.START_TIMEOUT);

        Map<String, String> record = FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT,
                fields -> "1".equals(fields.get("app_pools")));
        assertThat(record.get("app_active")).matches("\\d+");
        assertThat(record.get("app_idle")).matches("\\d+");
        MBeanServerConnection jmx = worker.jmx();
        assertThat(jmx.queryNames(new ObjectName(APP_POOLS), null)).as("the application's pool MBeans").hasSize(1);
        WorkerMXBean bean = JMX.newMXBeanProxy(jmx, ObjectNames.worker(), WorkerMXBean.class);
        await().atMost(Duration.ofSeconds(10)).until(bean::getAppPoolCount, count -> count == 1);
        assertThat(bean.getJobsProcessedCount()).isPositive();
        assertThat(bean.getJobsFailedCount()).isZero();

        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(2));
        assertThat(samples.max(client -> client.name().isEmpty()))
                .as("the application's own, unnamed connections").isBetween(1L, 2L);
        assertThat(samples.seen(client -> !client.name().isEmpty()))
                .as("every named connection is the agent's")
                .allMatch(client -> client.name().equals(agent.connectionName()));
        assertThat(samples.max(ConnectionSampler.named(agent.connectionName()))).isBetween(1L, 4L);

        assertThat(worker.stdout()).doesNotContain(" failed").doesNotContain("redis error");
        assertThat(worker.stderr()).doesNotContain("LinkageError").doesNotContain("NoSuchMethodError")
                .doesNotContain("ClassCastException").doesNotContain("NoClassDefFoundError");
    }
}
