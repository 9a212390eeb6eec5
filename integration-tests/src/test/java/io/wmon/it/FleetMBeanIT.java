package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.mbeans.FleetMXBean;
import io.wmon.mbeans.NotificationTypes;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Fleet MBean of a real worker JVM with {@code fleet=true}, read over a real JMX connector by
 * ten clients at once, as JConsole windows and APM scrapers would.
 */
@Timeout(value = 120, unit = SECONDS)
class FleetMBeanIT {

    private static final long WATCHER_INTERVAL_SECONDS = 2;
    private static final Duration READING = Duration.ofSeconds(30);
    private static final int READERS = 10;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @Test
    void tenJmxReadersFor30SecondsCauseAtMostOneFleetReadPerIntervalAndAKilledWorkerIsNotified() throws Exception {
        AgentArgs victimAgent = FLEET.agent("fleet-victim").with("interval", "1s");
        ChildProcess victim = FLEET.start("victim", FLEET.exampleWorker(Jdk.current())
                .agent(victimAgent.toString()).args("--job-millis", "50"));
        AgentArgs watcherAgent = FLEET.agent("fleet-watcher").with("interval", WATCHER_INTERVAL_SECONDS + "s")
                .with("fleet", "true");
        ChildProcess watcher = FLEET.start("watcher", FLEET.exampleWorker(Jdk.current())
                .agent(watcherAgent.toString()).args("--job-millis", "50"));
        FLEET.records().awaitRecord(victimAgent.id(), ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord(watcherAgent.id(), ChildProcess.START_TIMEOUT);
        assertThat(watcher.stderr()).contains("fleet=true");

        MBeanServerConnection jmx = watcher.jmx();
        FleetMXBean fleet = JMX.newMBeanProxy(jmx, ObjectNames.fleet(AgentArgs.NAMESPACE), FleetMXBean.class);
        await().atMost(Duration.ofSeconds(10)).until(fleet::getAliveCount, n -> n == 2);

        long readsBefore = zranges();
        AtomicLong peakConnections = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(READERS + 1);
        long started = System.nanoTime();
        List<Future<Long>> polls = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            polls.add(readers.submit(() -> {
                long n = 0;
                while (System.nanoTime() - started < READING.toNanos()) {
                    assertThat(fleet.getWorkerCount()).isEqualTo(2);
                    TabularData rows = fleet.getWorkers();
                    assertThat(rows.size()).isEqualTo(2);
                    n++;
                }
                return n;
            }));
        }
        Future<?> sampler = readers.submit(() -> {
            while (System.nanoTime() - started < READING.toNanos()) {
                peakConnections.accumulateAndGet(FLEET.probe().countClients(watcherAgent.connectionName()), Math::max);
                Thread.sleep(200);
            }
            return null;
        });
        long total = 0;
        for (Future<Long> f : polls) {
            total += f.get();
        }
        sampler.get();
        readers.shutdown();
        long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        long reads = zranges() - readsBefore;
        System.out.println("[figure] fleet-jmx readers=" + READERS + " polls=" + total + " seconds=" + elapsedSeconds
                + " fleetReads=" + reads + " peakConnections=" + peakConnections.get());

        assertThat(total).as("polls over JMX").isGreaterThan(READERS * 10L);
        assertThat(reads).as("fleet reads in %d s at one per %d s at most", elapsedSeconds, WATCHER_INTERVAL_SECONDS)
                .isBetween(elapsedSeconds / WATCHER_INTERVAL_SECONDS - 2, elapsedSeconds / WATCHER_INTERVAL_SECONDS + 1);
        assertThat(peakConnections.get()).as("the watcher's connections, fleet reads included").isBetween(1L, 4L);

        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> received.add(n);
        jmx.addNotificationListener(ObjectNames.fleet(AgentArgs.NAMESPACE), listener, null, null);
        long killedAt = System.currentTimeMillis();
        victim.kill();
        await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
        long noticedAfter = System.currentTimeMillis() - killedAt;
        System.out.println("[figure] fleet-stale noticedAfterMillis=" + noticedAfter);
        Thread.sleep(WATCHER_INTERVAL_SECONDS * 2_000);
        jmx.removeNotificationListener(ObjectNames.fleet(AgentArgs.NAMESPACE), listener);

        assertThat(received).as("one notification for one worker that stopped").hasSize(1);
        Notification stale = received.get(0);
        assertThat(stale.getType()).isEqualTo(NotificationTypes.FLEET_STALE);
        assertThat(((CompositeData) stale.getUserData()).get("worker")).isEqualTo(victimAgent.id());
        assertThat(fleet.getStaleCount() + fleet.getGoneCount()).isEqualTo(1);
    }

    private static long zranges() {
        // A fleet read starts with one ZRANGE of the registry; heartbeats send none.
        return FLEET.probe().commandCalls().getOrDefault("zrange", 0L);
    }
}
