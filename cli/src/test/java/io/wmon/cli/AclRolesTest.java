package io.wmon.cli;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.command.watch.WatchCommand;
import io.wmon.cli.fleetview.StopSignal;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.AclUsers;
import io.wmon.test.RedisServerExtension;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real CLI commands with the least-privilege users of docs/operations.md: the CLI user reads the
 * fleet and the connections and follows the events on one named connection, records stale workers,
 * and is refused {@code prune}; the ops user prunes; without {@code +client|setname} the CLI works
 * unnamed with one warning, and without the readers' writes ({@code +set}) with one warning too.
 */
@Timeout(60)
class AclRolesTest {

    private static final String NS = "acl";
    private static final String PASSWORD = "cliAclPw17";
    private static final String USER = "test-cli";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private TestFleet fleet;

    @BeforeEach
    void writeFleet() {
        REDIS.flushAll();
        fleet = new TestFleet(REDIS.url(), NS);
        long now = System.currentTimeMillis();
        fleet.write(worker("alive", now, WorkerState.BUSY).build(), worker("gone", now - 600_000, WorkerState.IDLE).build());
        REDIS.probe().command("DEL", fleet.keys().worker("gone"));
    }

    @AfterEach
    void deleteUser() {
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
        REDIS.probe().command("ACL", "DELUSER", USER);
    }

    private static String url() {
        return REDIS.url().replace("redis://", "redis://" + USER + ":" + PASSWORD + "@");
    }

    @Test
    void theCliUserReadsTheFleetOnOneNamedConnection() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", USER, PASSWORD);
        AtomicLong maxSeen = new AtomicLong();
        CompletableFuture<CliResult> run = CompletableFuture.supplyAsync(() -> Cli.run("-r", url(), "-n", NS,
                "status", "--json", "-c", "-i", "0.05", "--max-cycles", "30"));
        while (!run.isDone()) {
            maxSeen.accumulateAndGet(REDIS.probe().clients().stream()
                    .filter(c -> USER.equals(c.fields().get("user")))
                    .filter(c -> c.name().startsWith("wmon:cli:" + NS + ":")).count(), Math::max);
        }
        CliResult result = run.join();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"id\":\"alive\"");
        assertThat(maxSeen.get()).isEqualTo(1);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theCliUserListsConnections_withoutConfigGetTheLimitIsUnknown() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", USER, PASSWORD);

        CliResult result = Cli.run("-r", url(), "-n", NS, "connections", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("CONFIG GET refused").doesNotContain(PASSWORD);
    }

    @Test
    void theCliUserIsRefusedPrune_theRegistryStaysAsItWas() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", USER, PASSWORD);

        CliResult result = Cli.run("-r", url(), "-n", NS, "prune");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("NOPERM").doesNotContain(PASSWORD);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(REDIS.probe().command("ZSCORE", fleet.keys().workers(), "gone")).isNotNull();
    }

    @Test
    void theCliUserFollowsTheEventsAndRecordsAStaleWorker() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", USER, PASSWORD);
        fleet.write(worker("frozen", System.currentTimeMillis() - 60_000, WorkerState.BUSY).build());
        StopSignal stop = new StopSignal();
        StringWriter out = new StringWriter();
        CompletableFuture<CliResult> run = CompletableFuture.supplyAsync(() -> Cli.run(commandLine ->
                ((WatchCommand) commandLine.getSubcommands().get("watch").getCommand()).stopOn(stop), out,
                "-r", url(), "-n", NS, "watch", "--json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> run.isDone() || out.toString().contains("\"stale\""));
        stop.request();
        CliResult result = run.join();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"type\":\"stale\"").contains("\"worker\":\"frozen\"");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aCliUserWithoutTheReadersWritesReadsOnWithOneWarning() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", USER, PASSWORD, "+set");
        fleet.write(worker("frozen", System.currentTimeMillis() - 60_000, WorkerState.BUSY).build());

        CliResult result = Cli.run("-r", url(), "-n", NS, "status", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"id\":\"frozen\"");
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("wmon: warning: Redis at redis://" + USER + ":****@").contains("refused SET to user " + USER)
                .contains("+set +xadd +zrem").doesNotContain(PASSWORD);
        assertThat((Long) REDIS.probe().command("EXISTS", fleet.keys().events())).isZero();
    }

    @Test
    void theOpsUserPrunes() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-ops", USER, PASSWORD);

        CliResult result = Cli.run("-r", url(), "-n", NS, "prune");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(REDIS.probe().command("ZSCORE", fleet.keys().workers(), "gone")).isNull();
        assertThat(REDIS.probe().command("ZSCORE", fleet.keys().workers(), "alive")).isNotNull();
    }

    @Test
    void withoutClientSetnameStatusWorksUnnamedWithOneWarning() {
        AclUsers.fromDocs().create(REDIS.probe(), "wmon-cli", USER, PASSWORD, "+client|setname");

        CliResult result = Cli.run("-r", url(), "-n", NS, "status", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"id\":\"alive\"");
        assertThat(result.err().strip().lines()).hasSize(1).first().asString()
                .startsWith("wmon: warning: Redis at redis://" + USER + ":****@")
                .contains("refused CLIENT SETNAME (NOPERM").contains("+client|setname");
        assertThat(result.err()).doesNotContain(PASSWORD);
    }
}
