package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.it.harness.AgentArgs;
import io.wmon.it.harness.ConnectionSampler;
import io.wmon.it.harness.FleetRedis;
import io.wmon.it.harness.Jdk;
import io.wmon.it.harness.WorkerCommand;
import io.wmon.it.harness.WorkerProcess;
import io.wmon.it.harness.WorkerProcesses;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two {@code -javaagent} flags for wmon in one JVM: the first agent runs, the second only says so. */
@Timeout(value = 90, unit = SECONDS)
class DoubleStartIT {

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
    void secondJavaagentIsIgnored() throws Exception {
        AgentArgs first = AgentArgs.of(REDIS.url(), "twice-first");
        AgentArgs second = AgentArgs.of(REDIS.url(), "twice-second");
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                .agent(first.toString()).agent(second.toString()).args("--job-millis", "100"));
        fleet.awaitRecord(first.id(), WorkerProcess.START_TIMEOUT);
        worker.awaitStderr("wmon agent already running in this JVM; ignoring the second start",
                WorkerProcess.START_TIMEOUT);

        ConnectionSampler samples = ConnectionSampler.sample(REDIS.probe(), Duration.ofSeconds(3));
        MBeanServerConnection jmx = worker.jmx();

        assertThat(fleet.record(second.id())).as("record of the ignored second agent").isEmpty();
        assertThat(samples.max()).as("connections of the JVM, most at once").isBetween(1L, 4L);
        assertThat(samples.seen(client -> !client.name().equals(first.connectionName())))
                .as("connections not named for the first agent").isEmpty();
        assertThat(jmx.queryNames(new ObjectName(ObjectNames.DOMAIN + ":type=Worker,*"), null)).hasSize(1);
        assertThat(jmx.queryNames(new ObjectName(ObjectNames.DOMAIN + ":type=RedisPool,*"), null))
                .containsExactly(ObjectNames.redisPool(first.connectionName()));
        assertThat(worker.stderr().lines().filter(line -> line.contains("wmon agent started"))).hasSize(1);
        assertThat(worker.stderr().lines().filter(line -> line.contains("already running"))).hasSize(1);
    }
}
