package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import io.wmon.test.worker.WorkerRecords;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Code in a child class loader that cannot see the application's copy of {@code io.wmon.api}
 * (a servlet container, a plugin) still reaches the agent: the agent put the API on the bootstrap
 * class path.
 */
@Timeout(value = 90, unit = SECONDS)
class ChildClassLoaderIT {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private final WorkerRecords records = FLEET.records();

    @Test
    void busyFromAChildLoaderReachesTheRecord() {
        AgentArgs agent = FLEET.agent("child-loader");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current())
                .agent(agent.toString()).args("--stdin"));
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);

        worker.send("child-busy job-9");
        worker.awaitStdout("^ok child-busy job-9$", STATUS_TIMEOUT);
        worker.awaitStdout("^child api loader: bootstrap$", STATUS_TIMEOUT);
        records.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-9".equals(record.get("job")));
    }

    /**
     * Attached later, the agent finds the application's own copy of {@code io.wmon.api} already
     * loaded; a child loader created afterwards resolves the bootstrap copy. Both must reach the agent.
     */
    @Test
    void busyFromAChildLoaderReachesAnAgentAttachedLater() {
        AgentArgs agent = FLEET.agent("child-loader-attached");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=false$", ChildProcess.START_TIMEOUT);
        worker.loadAgent(Artifacts.agentJar(), agent.toString());
        records.awaitRecord(agent.id(), ChildProcess.START_TIMEOUT);

        worker.send("child-busy job-10");
        worker.awaitStdout("^ok child-busy job-10$", STATUS_TIMEOUT);
        records.awaitRecord(agent.id(), STATUS_TIMEOUT,
                record -> "busy".equals(record.get("state")) && "job-10".equals(record.get("job")));
    }
}
