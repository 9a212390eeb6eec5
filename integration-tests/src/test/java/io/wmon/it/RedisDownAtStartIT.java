package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.test.ConnectionSampler;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker whose Redis is down when it starts keeps working, and the agent catches up once Redis is back. */
@Timeout(value = 120, unit = SECONDS)
class RedisDownAtStartIT {

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void workerRunsWhileRedisIsDownAndIsRecordedOnceItIsBack() {
        AgentArgs agent = FLEET.agent("down-at-start");
        FLEET.redis().stop();
        ChildProcess worker;
        try {
            worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                    .agent(agent.toString()).args("--job-millis", "100"));
            worker.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);
            worker.awaitStdout("^job job-20 succeeded$", ChildProcess.START_TIMEOUT);
            assertThat(worker.isAlive()).isTrue();
            assertThat(worker.stdout()).doesNotContain("failed");
        } finally {
            FLEET.redis().start();
        }

        FLEET.records().awaitRecord(agent.id(), Duration.ofSeconds(45));
        assertThat(FLEET.records().score(agent.id())).isNotNull();
        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofSeconds(2));
        assertThat(samples.max(ConnectionSampler.named(agent.connectionName()))).isBetween(1L, 4L);
        assertThat(samples.max()).as("nothing but the agent's connections").isEqualTo(
                samples.max(ConnectionSampler.named(agent.connectionName())));
        assertThat(worker.isAlive()).isTrue();
    }
}
