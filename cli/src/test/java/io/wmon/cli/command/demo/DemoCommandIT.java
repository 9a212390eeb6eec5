package io.wmon.cli.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.fixture.TargetJvmMain;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.Artifacts;
import io.wmon.test.jvm.JvmCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * {@code wmon demo} run non-interactively ({@code --duration}) with the built agent jar and
 * {@link TargetJvmMain} standing in for the example worker: what it starts appears, and when it
 * ends nothing it started is left running.
 */
@Timeout(180)
class DemoCommandIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static String[] demo(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--agent-jar", Artifacts.agentJar().toString(),
                "--worker-class-path", JvmCommand.classPathOf(TargetJvmMain.class).toString(),
                "--worker-main", TargetJvmMain.class.getName()));
        return all.toArray(new String[0]);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    void twoWorkersReportToTheGivenRedisAndAreGoneAfterwards() {
        Set<Long> before = children();

        CliResult run = Cli.run(demo("--redis", REDIS.url(), "-n", "demo-it", "demo", "--workers", "2",
                "--duration", "8"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            for (String id : List.of("demo-1", "demo-2")) {
                Map<String, String> record = jedis.hgetAll("wmon:{demo-it}:worker:" + id);
                // Each worker heartbeat here, then, stopped with SIGTERM, wrote its final state on the way out.
                assertThat(record).as(id).containsEntry("state", "stopped");
                assertThat(Long.parseLong(record.get("beat"))).isGreaterThan(Long.parseLong(record.get("started")));
                assertThat(ProcessHandle.of(Long.parseLong(record.get("pid"))).filter(ProcessHandle::isAlive)).isEmpty();
            }
            // A clean stop leaves the registry; nothing for prune to do.
            assertThat(jedis.zrange("wmon:{demo-it}:workers", 0, -1)).isEmpty();
        }
        assertThat(children()).isEqualTo(before);
        assertThat(REDIS.probe().countClients("wmon:")).isZero();
    }

    @Test
    void startsItsOwnRedisWhenAskedAndStopsItWithTheWorkers() throws Exception {
        Set<Long> before = children();
        Map<Long, String> started = new ConcurrentHashMap<>();
        AtomicReference<JsonNode> workerView = new AtomicReference<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                ProcessHandle.current().children().filter(p -> !before.contains(p.pid()))
                        .forEach(p -> started.computeIfAbsent(p.pid(), pid -> commandLine(p)));
                if (workerView.get() == null) {
                    started.entrySet().stream().filter(e -> e.getValue().contains("-javaagent:")).findFirst()
                            .ifPresent(worker -> workerView.set(heartbeatingWorker(worker.getKey())));
                }
                sleep(300);
            }
        }, "demo-watcher");
        watcher.start();

        CliResult run;
        try {
            run = Cli.run(demo("demo", "--workers", "1", "--duration", "8", "--start-redis"));
        } finally {
            running.set(false);
            watcher.join();
        }

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(started.values()).as("a redis-server and a worker JVM")
                .anyMatch(command -> !command.contains("java")).anyMatch(command -> command.contains("-javaagent:"));
        // Read over JMX while the demo ran: the worker beat into a Redis on another port than the extension's.
        JsonNode view = workerView.get();
        assertThat(view).as("the worker's MBeans during the run").isNotNull();
        String endpoint = attribute(view, "RedisPool", "Endpoint").asText();
        assertThat(endpoint).startsWith("redis://127.0.0.1:").doesNotEndWith(":" + REDIS.port());
        assertThat(attribute(view, "Worker", "Id").asText()).isEqualTo("demo-1");
        assertThat(attribute(view, "Worker", "Namespace").asText()).isEqualTo("demo");
        // And afterwards: nothing it started runs, and its Redis no longer answers.
        assertThat(children()).isEqualTo(before);
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        assertThat(RedisPing.reply("127.0.0.1", port, Duration.ofMillis(300))).isNull();
    }

    /** The worker's MBeans as {@code wmon jmx --json} reads them, once it has beaten; else {@code null}. */
    private static JsonNode heartbeatingWorker(long pid) {
        CliResult jmx = Cli.run("jmx", Long.toString(pid), "--json", "Worker:Id", "Worker:Namespace",
                "Worker:RedisAvailable", "RedisPool:Endpoint");
        if (jmx.exitCode() != ExitCodes.OK) {
            return null;
        }
        JsonNode view = jmx.json();
        return attribute(view, "Worker", "RedisAvailable").asBoolean() ? view : null;
    }

    private static JsonNode attribute(JsonNode view, String type, String name) {
        for (JsonNode mbean : view.get("mbeans")) {
            if (mbean.get("type").asText().equals(type)) {
                return mbean.get("attributes").get(name);
            }
        }
        throw new AssertionError(type + ":" + name + " not in " + view);
    }

    /**
     * With the real example worker: varied job ids, and the last worker frozen (SIGSTOP) so that it
     * turns stale and then gone; afterwards it was thawed and stopped like the others.
     */
    @Test
    void theExampleFleetShowsVariedJobsAndAFrozenWorkerGoingStaleThenGone() {
        Set<Long> before = children();

        CliResult run = Cli.run("--redis", REDIS.url(), "-n", "demo-real", "demo", "--workers", "2",
                "--agent-jar", Artifacts.agentJar().toString(), "--freeze-after", "1", "--duration", "24");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("(logs in ").contains("demo-2 freezes at");
        List<String> frozen = new ArrayList<>();
        Set<String> jobKinds = new HashSet<>();
        for (String block : run.out().split("\n\n")) {
            for (String line : block.lines().toList()) {
                String[] cells = line.split("\\s+");
                if (cells[0].equals("demo-2")) {
                    frozen.add(Arrays.stream(cells).filter(List.of("alive", "STALE", "gone")::contains)
                            .findFirst().orElseThrow());
                }
                if (cells.length > 5 && cells[4].equals("busy")) {
                    jobKinds.add(cells[5].split("[-:/.]")[0]);
                }
            }
        }
        // Alive, then STALE once it stopped beating, then gone once its record expired; never back.
        assertThat(frozen.stream().distinct().toList()).containsExactly("alive", "STALE", "gone");
        assertThat(jobKinds).hasSizeGreaterThanOrEqualTo(3);
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            assertThat(jedis.zrange("wmon:{demo-real}:workers", 0, -1)).as("thawed, stopped, left the registry")
                    .isEmpty();
        }
        assertThat(children()).isEqualTo(before);
    }

    @Test
    void anUnreachableRedisExits3AndStartsNothing() throws IOException {
        Set<Long> before = children();
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CliResult run = Cli.run(demo("--redis", "redis://127.0.0.1:" + closed, "demo", "--duration", "5"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach Redis");
        assertThat(children()).isEqualTo(before);
    }

    @Test
    void badFlagsExit2() {
        assertThat(Cli.run(demo("demo", "--workers", "0")).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(demo("demo", "--duration", "0")).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(demo("demo", "--freeze-after", "-1")).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("demo", "--agent-jar", "/nonexistent.jar", "--duration", "1").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    private static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().orElse("?") + " " + String.join(" ", info.arguments().orElse(new String[0]));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
