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
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker whose Redis is down when it starts keeps working, and the agent catches up once Redis is back. */
@Timeout(value = 120, unit = SECONDS)
class RedisDownAtStartIT {

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
    void workerRunsWhileRedisIsDownAndIsRecordedOnceItIsBack() {
        AgentArgs agent = AgentArgs.of(REDIS.url(), "down-at-start");
        REDIS.stop();
        WorkerProcess worker;
        try {
            worker = workers.start("worker", WorkerCommand.on(Jdk.current(), REDIS.url())
                    .agent(agent.toString()).args("--job-millis", "100"));
            worker.awaitOutput("^ready pid=", WorkerProcess.START_TIMEOUT);
            worker.awaitOutput("^job job-20 succeeded$", WorkerProcess.START_TIMEOUT);
            assertThat(worker.isAlive()).isTrue();
            assertThat(worker.stdout()).doesNotContain("failed");
        } finally {
            REDIS.start();
        }

        fleet.awaitRecord(agent.id(), Duration.ofSeconds(45));
        assertThat(fleet.score(agent.id())).isNotNull();
        ConnectionSampler samples = ConnectionSampler.sample(REDIS.probe(), Duration.ofSeconds(2));
        assertThat(samples.max(ConnectionSampler.named(agent.connectionName()))).isBetween(1L, 4L);
        assertThat(samples.max()).as("nothing but the agent's connections").isEqualTo(
                samples.max(ConnectionSampler.named(agent.connectionName())));
        assertThat(worker.isAlive()).isTrue();
    }
}
