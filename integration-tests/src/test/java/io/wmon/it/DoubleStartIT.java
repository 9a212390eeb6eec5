package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.mbeans.ObjectNames;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two {@code -javaagent} flags for wmon in one JVM: the first agent runs, the second only says so. */
@Timeout(value = 90, unit = SECONDS)
class DoubleStartIT {

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void secondJavaagentIsIgnored() throws Exception {
        AgentArgs first = FLEET.agent("twice-first");
        AgentArgs second = FLEET.agent("twice-second");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(first.toString()).agent(second.toString()).args("--job-millis", "100"));
        FLEET.records().awaitRecord(first.id(), ChildProcess.START_TIMEOUT);
        worker.awaitStderr("wmon agent already running in this JVM; ignoring the second start",
                ChildProcess.START_TIMEOUT);

        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(3));
        MBeanServerConnection jmx = worker.jmx();

        assertThat(FLEET.records().record(second.id())).as("record of the ignored second agent").isEmpty();
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
