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
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.RedisServerExtension;
import java.time.Duration;
import javax.management.JMX;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code WorkerStatus} calls of the application reach the Redis record and the Worker MBean. */
@Timeout(value = 90, unit = SECONDS)
class ScriptedStatusIT {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private final FleetRedis fleet = new FleetRedis(REDIS.host(), REDIS.port());

    @AfterEach
    void disconnect() {
        fleet.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.it.harness.Jdk#supported")
    void busyThenSucceedShowsInRedisAndOverJmx(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = AgentArgs.of(REDIS.url(), "scripted-" + jdk.label());
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(jdk, REDIS.url())
                .agent(agent.toString()).args("--stdin"));
        worker.awaitOutput("^ready pid=\\d+ agent=true$", WorkerProcess.START_TIMEOUT);
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);
        WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);

        worker.send("busy job-1");
        worker.awaitOutput("^ok busy job-1$", STATUS_TIMEOUT);
        fleet.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-1".equals(record.get("job")));
        assertThat(bean.getState()).isEqualToIgnoringCase("busy");
        assertThat(bean.getCurrentJob()).isEqualTo("job-1");

        worker.send("succeed");
        worker.awaitOutput("^ok succeed$", STATUS_TIMEOUT);
        fleet.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "idle".equals(record.get("state")) && "1".equals(record.get("processed")));
        assertThat(fleet.record(agent.id())).containsEntry("job", "").containsEntry("failed", "0");
        assertThat(bean.getState()).isEqualToIgnoringCase("idle");
        assertThat(bean.getJobsProcessedCount()).isEqualTo(1);
        assertThat(bean.getCurrentJob()).isEmpty();

        worker.send("exit");
        assertThat(worker.awaitExit(STATUS_TIMEOUT)).as(worker.describe()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.it.harness.Jdk#supported")
    void failAndPauseAreCountedAndShown(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = AgentArgs.of(REDIS.url(), "scripted-fail-" + jdk.label());
        WorkerProcess worker = workers.start("worker", WorkerCommand.on(jdk, REDIS.url())
                .agent(agent.toString()).args("--stdin"));
        fleet.awaitRecord(agent.id(), WorkerProcess.START_TIMEOUT);

        worker.send("busy job-2");
        worker.send("fail");
        worker.send("pause");
        worker.awaitOutput("^ok pause$", STATUS_TIMEOUT);
        fleet.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "paused".equals(record.get("state")) && "1".equals(record.get("failed")));
        WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);
        await().atMost(STATUS_TIMEOUT).until(bean::getJobsFailedCount, count -> count == 1);
        assertThat(bean.getState()).isEqualToIgnoringCase("paused");
    }
}
