package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.core.event.DecodedEvent;
import io.wmon.core.event.EventId;
import io.wmon.core.event.EventStreamReader;
import io.wmon.core.event.EventType;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A real worker JVM killed with SIGKILL, watched by five {@code bin/wmon status --continuous}
 * processes at once: exactly one {@code stale} event, and once its record expired exactly one
 * {@code down} event, however many readers noticed and however long they keep reading.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StaleEventsIT {

    private static final int READERS = 5;

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    private static final FleetKeys KEYS = FleetKeys.of(AgentArgs.NAMESPACE);

    private static List<FleetEvent> events(String worker, EventType type) {
        try (Jedis jedis = new Jedis(FLEET.redis().host(), FLEET.redis().port())) {
            return new EventStreamReader(KEYS).readAfter(jedis, EventId.ZERO, 0).valid().stream()
                    .map(DecodedEvent::event).filter(e -> e.worker().equals(worker) && e.type() == type)
                    .collect(Collectors.toList());
        }
    }

    @Test
    void aSigkilledWorkerIsOneStaleAndOneDownEventHoweverManyReadersRun() throws Exception {
        AgentArgs agent = FLEET.agent("killed");
        ChildProcess worker = FLEET.start("worker", FLEET.exampleWorker(Jdk.current()).agent(agent.toString())
                .args("--stdin"));
        FLEET.records().awaitRecord(agent.id(), ChildProcess.START_TIMEOUT, r -> "idle".equals(r.get("state")));
        List<ChildProcess> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(FLEET.start("reader-" + i, ProcessCommand.of(LauncherIT.LAUNCHER, "-r", FLEET.redis().url(),
                    "-n", AgentArgs.NAMESPACE, "status", "--continuous", "--interval", "0.2", "--json").stdinFromNull()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> FLEET.probe().countClients("wmon:cli:") == READERS);

        worker.kill();
        long killed = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(agent.id(), EventType.STALE).isEmpty());
        System.out.printf("measured: SIGKILL to the stale event, interval 1 s (stale after 3 s): %d ms%n",
                System.currentTimeMillis() - killed);
        // The record expires 15 s after the last beat: then the readers find the worker gone.
        await().atMost(Duration.ofSeconds(40)).until(() -> !events(agent.id(), EventType.DOWN).isEmpty());
        Thread.sleep(2_000); // ten more cycles of every reader

        List<FleetEvent> stale = events(agent.id(), EventType.STALE);
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0).from()).isEqualTo("idle");
        assertThat(events(agent.id(), EventType.DOWN)).hasSize(1);
        assertThat(FLEET.probe().countClients("wmon:cli:")).as("each reader holds its one connection")
                .isEqualTo(READERS);
        for (ChildProcess reader : readers) {
            assertThat(reader.isAlive()).as(reader.describe()).isTrue();
            assertThat(reader.stderr()).as(reader.describe()).isEmpty();
        }
    }
}
