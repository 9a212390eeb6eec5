package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wmon.test.AclUsers;
import io.wmon.test.ClientInfo;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * The real agent in a real worker JVM with the least-privilege user of docs/operations.md: it beats,
 * names its connections and stops cleanly; the same user is refused what the list leaves out; and
 * without {@code +client|setname} the agent works unnamed and says so in one line.
 */
@Timeout(value = 120, unit = SECONDS)
class AclAgentIT {

    private static final String PASSWORD = "agentAclPw42";
    private static final String USER = "it-agent";

    @RegisterExtension
    static final WorkerFleetExtension FLEET = new WorkerFleetExtension();

    @AfterEach
    void deleteUser() {
        FLEET.probe().command("ACL", "DELUSER", USER);
    }

    private static String url() {
        return FLEET.redis().url().replace("redis://", "redis://" + USER + ":" + PASSWORD + "@");
    }

    private static List<ClientInfo> ofUser() {
        return FLEET.probe().clients().stream().filter(c -> USER.equals(c.fields().get("user"))).toList();
    }

    private static JvmCommand worker() {
        return FLEET.exampleWorker(Jdk.current()).args("--stdin");
    }

    @Test
    void theDocumentedAgentUserBeatsNamesItsConnectionsAndStopsCleanly() {
        AclUsers.fromDocs().create(FLEET.probe(), "wmon-agent", USER, PASSWORD);
        AgentArgs args = AgentArgs.of(url(), "acl-1");

        ChildProcess worker = FLEET.start("worker", worker().agent(args.toString()));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        Map<String, String> record = FLEET.records().awaitRecord("acl-1", ChildProcess.START_TIMEOUT);
        await().atMost(Duration.ofSeconds(10)).until(() -> !ofUser().isEmpty());

        assertThat(record).containsEntry("id", "acl-1");
        assertThat(ofUser()).isNotEmpty().hasSizeLessThanOrEqualTo(4)
                .allSatisfy(c -> assertThat(c.name()).isEqualTo(args.connectionName()));
        await().atMost(Duration.ofSeconds(10)).until(() -> FLEET.records().record("acl-1").containsKey("processed"));
        worker.send("busy job-1");
        worker.send("succeed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(FLEET.records().record("acl-1").get("processed")));

        worker.send("exit");
        assertThat(worker.awaitExit(Duration.ofSeconds(15))).isZero();
        assertThat(FLEET.records().record("acl-1")).containsEntry("state", "stopped");
        assertThat(FLEET.records().score("acl-1")).as("registry member removed at stop").isNull();
        assertThat(worker.stderr()).doesNotContain("NOPERM").doesNotContain("refused").doesNotContain(PASSWORD)
                .doesNotContain("heartbeat failed");
    }

    @Test
    void theAgentUserIsRefusedWhatTheListLeavesOut() {
        AclUsers.fromDocs().create(FLEET.probe(), "wmon-agent", USER, PASSWORD);
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().user(USER).password(PASSWORD).build();

        try (Jedis jedis = new Jedis(new HostAndPort(FLEET.redis().host(), FLEET.redis().port()), config)) {
            jedis.hset("wmon:{it}:worker:x", "f", "v");
            assertThatThrownBy(() -> jedis.hgetAll("wmon:{it}:worker:x")).isInstanceOf(JedisAccessControlException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> jedis.del("wmon:{it}:worker:x")).isInstanceOf(JedisAccessControlException.class);
            assertThatThrownBy(() -> jedis.hset("app:secret", "f", "v")).isInstanceOf(JedisAccessControlException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(jedis::clientList).isInstanceOf(JedisAccessControlException.class);
            assertThatThrownBy(jedis::flushAll).isInstanceOf(JedisAccessControlException.class);
        }
    }

    @Test
    void withoutClientSetnameTheAgentBeatsUnnamedAndSaysSoOnce() {
        AclUsers.fromDocs().create(FLEET.probe(), "wmon-agent", USER, PASSWORD, "+client|setname");
        AgentArgs args = AgentArgs.of(url(), "acl-2");

        ChildProcess worker = FLEET.start("worker", worker().agent(args.toString()));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord("acl-2", ChildProcess.START_TIMEOUT);
        worker.awaitStderr("refused CLIENT SETNAME", ChildProcess.START_TIMEOUT);
        // A few more beats, so that a warning per beat or per connection would show.
        long beat = Long.parseLong(FLEET.records().record("acl-2").get("beat"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Long.parseLong(FLEET.records().record("acl-2").get("beat")) > beat + 2_000);

        assertThat(ofUser()).isNotEmpty().allSatisfy(c -> assertThat(c.name()).isEmpty());
        assertThat(FLEET.probe().countClients(args.connectionName())).isZero();
        List<String> warnings = worker.stderr().lines().filter(line -> line.contains("refused CLIENT SETNAME")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("NOPERM").contains("+client|setname").contains(args.connectionName())
                .doesNotContain(PASSWORD);
        assertThat(worker.stderr()).doesNotContain("heartbeat failed").doesNotContain("\tat ");
    }
}
