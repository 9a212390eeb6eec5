package io.wmon.it;

import static io.wmon.it.DatadogCheck.QUIET_INTERVAL;
import static io.wmon.it.DatadogCheck.settled;
import static io.wmon.it.DatadogCheck.value;
import static io.wmon.it.DatadogCheck.window;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.record.WorkerState;
import io.wmon.core.redis.RedisBreaker;
import io.wmon.it.DatadogCheck.Window;
import io.wmon.it.DatadogSeries.Instance;
import io.wmon.it.DatadogSeries.Key;
import io.wmon.test.FreePorts;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Datadog's own JMXFetch (the Datadog Agent's JMX collector, 0.32.0 from Maven Central) with
 * {@code docs/apm/datadog-jmx.yaml}, against a worker JVM with the real shaded agent and a real JMX
 * port: every collection prints each documented metric with its tags, and the value the MBeans held,
 * read over JMX on both sides of the collection with no change in between; a count is the growth
 * between two collections.
 *
 * <p>The worker beats once a minute, so it changes only when the test drives it (a state change
 * brings one early beat). JMXFetch is stopped in its sleep after each collection while the test
 * drives the worker and waits for it to settle, then collects again: each collection falls between
 * two equal readings, and each count is the change the test made.
 */
@Timeout(value = 120, unit = SECONDS)
class DatadogJmxFetchIT {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void everyMetricCarriesItsTagsAndItsAttributesValue() throws Exception {
        int port = FreePorts.find();
        AgentArgs agent = FLEET.agent("dd-values").with("interval", QUIET_INTERVAL).with("fleet", "true");
        AgentArgs other = FLEET.agent("dd-other").with("interval", QUIET_INTERVAL);
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).jvmFlag(DatadogCheck.jmxPort(port))
                .agent(agent.toString()).args("--stdin"));
        // Another worker of the namespace: a row of the fleet table that is not this JVM's.
        FLEET.start("other", FLEET.exampleWorker(Jdk.current()).agent(other.toString()).args("--stdin"));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(other.id(), ChildProcess.START_TIMEOUT);
        MBeanServerConnection jmx = worker.jmx();
        drive(worker, jmx, agent, "busy", 2, 1, "busy job-1", "succeed", "busy job-2", "succeed", "busy job-3", "fail",
                "busy job-4");
        await("the fleet view lists both workers").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> WmonBeans.read(jmx).fleetRowIds().containsAll(List.of(agent.id(), other.id())));

        Instance instance = DatadogCheck.instance(agent.namespace(), agent.id());
        List<Window> windows = new ArrayList<>();
        WmonBeans before = settled(jmx);
        JmxFetch fetch = JmxFetch.start(FLEET, JmxFetch.writeConfDirectory(worker.outputDir().resolveSibling("conf.d"),
                DatadogCheck.instances(port, instance)));
        windows.add(window(fetch, jmx, before));
        drive(worker, jmx, agent, "idle", 3, 2, "succeed", "busy job-5", "fail", "idle");
        windows.add(window(fetch, jmx, settled(jmx)));
        drive(worker, jmx, agent, "paused", 3, 2, "pause");
        windows.add(window(fetch, jmx, settled(jmx)));

        Map<Integer, Map<Key, Double>> printed = DatadogCheck.assertEveryCollection(instance, windows);
        // What the script did between the first two windows, in the collection after it.
        Map<Key, Double> afterFirstStep = printed.get(windows.get(1).collections().get(0).number);
        assertThat(value(afterFirstStep, "wmon.worker.jobs.processed")).as("the script's jobs").isEqualTo(1.0);
        assertThat(value(afterFirstStep, "wmon.worker.jobs.failed")).as("the script's jobs").isEqualTo(1.0);
        assertThat(value(afterFirstStep, "wmon.worker.heartbeats")).as("its early beats").isPositive();
        assertThat(windows.stream().map(w -> w.beans().value(w.beans().ofKind(WmonBeans.Kind.WORKER).get(0), "State")))
                .containsExactly("busy", "idle", "paused");
    }

    @Test
    void everyStateHasACodeOfItsOwn() {
        Map<String, Map<String, Number>> codes = DatadogCheck.valueMappings();
        assertDistinctCodes(codes.get("wmon.worker.state.code"),
                Arrays.stream(WorkerState.values()).map(WorkerState::wire).toList());
        assertDistinctCodes(codes.get("wmon.redis.breaker.state.code"),
                Arrays.stream(RedisBreaker.State.values()).map(Enum::name).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedInstanceHasTheKeysTheTestsSet() {
        Map<String, Object> instance = ((List<Map<String, Object>>) DatadogCheck.config().get("instances")).get(0);
        assertThat(instance).containsOnlyKeys("host", "port", "name", "tags", "refresh_beans");
        assertThat((Map<String, Object>) instance.get("tags")).containsOnlyKeys("wmon_namespace", "wmon_worker_id");
    }

    /**
     * Sends {@code commands} to the worker, and waits until its record and the fleet view show
     * {@code state} with these job counts: the early beat that follows a state change has been written.
     */
    private static void drive(ChildProcess worker, MBeanServerConnection jmx, AgentArgs agent, String state,
            int processed, int failed, String... commands) {
        for (String command : commands) {
            worker.send(command);
            worker.awaitStdout("^ok " + command + "$", STEP_TIMEOUT);
        }
        FLEET.records().awaitRecord(agent.id(), STEP_TIMEOUT, r -> state.equals(r.get("state"))
                && Integer.toString(processed).equals(r.get("processed")) && Integer.toString(failed).equals(r.get("failed")));
        await("the fleet view shows " + agent.id() + " " + state).atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    WmonBeans beans = WmonBeans.read(jmx);
                    return beans.fleetRowIds().contains(agent.id()) && state.equals(beans.fleetRow(agent.id(), "state"));
                });
    }

    private static void assertDistinctCodes(Map<String, Number> codes, List<String> states) {
        assertThat(codes).as("a code for every state, and a default").containsKeys(states.toArray(String[]::new))
                .containsKey("default");
        Set<Double> distinct = new HashSet<>();
        codes.values().forEach(code -> distinct.add(code.doubleValue()));
        assertThat(distinct).as("one code per state and another for the rest: %s", codes).hasSize(codes.size());
    }
}
