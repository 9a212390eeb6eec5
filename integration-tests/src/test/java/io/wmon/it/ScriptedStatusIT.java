package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.time.Duration;
import javax.management.JMX;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code WorkerStatus} calls of the application reach the Redis record and the Worker MBean, both
 * in the contract's lower-case wire form ({@code busy}, {@code idle}, {@code paused}).
 */
@Timeout(value = 90, unit = SECONDS)
class ScriptedStatusIT {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.test.jvm.Jdk#supported")
    void busyThenSucceedShowsInRedisAndOverJmx(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = FLEET.agent("scripted-" + jdk.label());
        ChildProcess worker = startScripted(jdk, agent);
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);
        WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);

        worker.send("busy job-1");
        worker.awaitStdout("^ok busy job-1$", STATUS_TIMEOUT);
        records.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-1".equals(record.get("job")));
        assertThat(bean.getState()).isEqualTo("busy");
        assertThat(bean.getCurrentJob()).isEqualTo("job-1");

        worker.send("succeed");
        worker.awaitStdout("^ok succeed$", STATUS_TIMEOUT);
        records.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "idle".equals(record.get("state")) && "1".equals(record.get("processed")));
        assertThat(records.record(agent.id())).containsEntry("job", "").containsEntry("failed", "0");
        assertThat(bean.getState()).isEqualTo("idle");
        assertThat(bean.getJobsProcessedCount()).isEqualTo(1);
        assertThat(bean.getCurrentJob()).isEmpty();

        worker.send("exit");
        assertThat(worker.awaitExit(STATUS_TIMEOUT)).as(worker.describe()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wmon.test.jvm.Jdk#supported")
    void failAndPauseAreCountedAndShown(Jdk jdk) {
        jdk.assumeInstalled();
        AgentArgs agent = FLEET.agent("scripted-fail-" + jdk.label());
        ChildProcess worker = startScripted(jdk, agent);
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);

        worker.send("busy job-2");
        worker.send("fail");
        worker.send("pause");
        worker.awaitStdout("^ok pause$", STATUS_TIMEOUT);
        records.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "paused".equals(record.get("state")) && "1".equals(record.get("failed")));
        WorkerMXBean bean = JMX.newMXBeanProxy(worker.jmx(), ObjectNames.worker(), WorkerMXBean.class);
        await().atMost(STATUS_TIMEOUT).until(bean::getJobsFailedCount, count -> count == 1);
        assertThat(bean.getState()).isEqualTo("paused");
        assertThat(bean.getCurrentJob()).as("no job while paused").isEmpty();
    }

    private static ChildProcess startScripted(Jdk jdk, AgentArgs agent) {
        return FLEET.start("worker", FLEET.exampleWorker(jdk).agent(agent.toString()).args("--stdin"));
    }
}
