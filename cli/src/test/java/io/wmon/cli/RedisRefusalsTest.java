package io.wmon.cli;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Each way a real Redis refuses us, as every command that reads it reports it: one line on stderr,
 * {@code wmon: } and the true cause, the documented exit code, nothing on stdout. The server refuses
 * for real: a password it requires, ACL users without a permission, {@code maxclients} reached by
 * open connections, a database it does not have, a key of another type; and a listener that
 * answers HTTP instead of Redis.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisRefusalsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NS = "refusals";
    /** Every command that reads Redis once, with the forms a script uses. */
    private static final List<List<String>> COMMANDS = List.of(List.of("status"), List.of("status", "--json"),
            List.of("connections"), List.of("connections", "--json"), List.of("prune", "--dry-run"));

    @TempDir
    Path dir;

    @BeforeEach
    void fleet() {
        REDIS.flushAll();
        long now = System.currentTimeMillis();
        TestFleet fleet = new TestFleet(REDIS.url(), NS);
        fleet.write(worker("w-1", now, WorkerState.IDLE).build());
        fleet.writeGone(worker("gone-1", now - 90_000, WorkerState.IDLE).build());
    }

    private static CliResult wmon(String url, List<String> command, String... more) {
        List<String> args = new ArrayList<>(List.of("-r", url, "-n", NS));
        args.addAll(List.of(more));
        args.addAll(command);
        return Cli.run(args.toArray(new String[0]));
    }

    private static String url(String userInfo) {
        return REDIS.url().replace("redis://", "redis://" + userInfo + "@");
    }

    /** Runs every command and checks each prints exactly {@code line} after "wmon: " and exits {@code code}. */
    private static void everyCommandSays(String url, int code, String line, String... more) {
        for (List<String> command : COMMANDS) {
            CliResult result = wmon(url, command, more);
            assertThat(result.exitCode()).as(command + ": " + result.err()).isEqualTo(code);
            assertThat(result.errorLine()).as(command.toString()).isEqualTo(line);
        }
    }

    /** Regression: reported as "cannot reach Redis … is it running?", with Redis's whole NOAUTH paragraph. */
    @Test
    void aPasswordTheServerRequiresIsMissingOrWrong() throws IOException {
        String password = "R3quired-pw";
        Path file = Files.writeString(dir.resolve("redis.pw"), password + "\n");
        String where = "; give the password in the URL (redis://user:password@host), in WMON_REDIS_PASSWORD, or in a "
                + "file with wmon --password-file FILE";
        try (Jedis admin = new Jedis(REDIS.host(), REDIS.port())) {
            admin.configSet("requirepass", password);
            try {
                everyCommandSays(REDIS.url(), ExitCodes.UNREACHABLE, "Redis at " + REDIS.url()
                        + " refused the connection: it requires a password and none was given (NOAUTH)" + where);
                everyCommandSays(url(":not-" + password), ExitCodes.UNREACHABLE, "Redis at " + url(":****")
                        + " refused the credentials of user default: wrong password, no such user, or the user is "
                        + "disabled (WRONGPASS)" + where);

                CliResult withFile = wmon(REDIS.url(), List.of("status", "--json"), "--password-file", file.toString());
                assertThat(withFile.exitCode()).as(withFile.err()).isEqualTo(ExitCodes.OK);
                assertThat(withFile.json().get("summary").get("workers").asInt()).isEqualTo(2);
            } finally {
                admin.configSet("requirepass", "");
            }
        }
    }

    /** Regression: a NOPERM read as "is another application using namespace …?", exit 1; prune's EVAL as internal. */
    @Test
    void anAclRefusalNamesTheCommandAndTheGrant() {
        TestFleet.admin(REDIS.url(), jedis -> {
            jedis.aclSetUser("no-zrange", "reset", "on", ">pw", "~*", "&*", "+@all", "-zrange");
            jedis.aclSetUser("no-list", "reset", "on", ">pw", "~*", "&*", "+@all", "-client|list");
            jedis.aclSetUser("no-eval", "reset", "on", ">pw", "~*", "&*", "+@all", "-eval");
            jedis.aclSetUser("no-zrem", "reset", "on", ">pw", "~*", "&*", "+@all", "-zrem");
            jedis.aclSetUser("no-keys", "reset", "on", ">pw", "~other:*", "&*", "+@all");
        });
        try {
            everyCommandSays(url("no-zrange:pw"), ExitCodes.UNREACHABLE, "Redis at " + url("no-zrange:****")
                    + " refused ZRANGE to user no-zrange (NOPERM); grant it with ACL SETUSER no-zrange +zrange");
            everyCommandSays(url("no-keys:pw"), ExitCodes.UNREACHABLE, "Redis at " + url("no-keys:****")
                    + " refused user no-keys a key it needs (NOPERM); grant wmon's keys with ACL SETUSER no-keys ~wmon:*");

            CliResult noList = wmon(url("no-list:pw"), List.of("connections"));
            assertThat(noList.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(noList.errorLine()).isEqualTo("Redis at " + url("no-list:****")
                    + " refused CLIENT LIST to user no-list (NOPERM); grant it with ACL SETUSER no-list +client|list");
            CliResult noEval = wmon(url("no-eval:pw"), List.of("prune"));
            assertThat(noEval.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(noEval.errorLine()).isEqualTo("Redis at " + url("no-eval:****")
                    + " refused EVAL to user no-eval (NOPERM); grant it with ACL SETUSER no-eval +eval");
            CliResult noZrem = wmon(url("no-zrem:pw"), List.of("prune", "--json"));
            assertThat(noZrem.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(noZrem.errorLine()).isEqualTo("Redis at " + url("no-zrem:****") + " refused user no-zrem a "
                    + "command of the prune script (EXISTS or ZREM); grant them with ACL SETUSER no-zrem +exists +zrem");
        } finally {
            TestFleet.admin(REDIS.url(), jedis -> List.of("no-zrange", "no-list", "no-eval", "no-zrem", "no-keys")
                    .forEach(jedis::aclDelUser));
        }
    }

    /** Regression: "ERR max number of clients reached" was an internal error, exit 1. */
    @Test
    void maxclientsReachedByOpenConnections() throws IOException {
        List<Socket> holders = new ArrayList<>();
        try (Jedis admin = new Jedis(REDIS.host(), REDIS.port())) {
            long connected = admin.info("clients").lines().filter(line -> line.startsWith("connected_clients:"))
                    .mapToLong(line -> Long.parseLong(line.substring("connected_clients:".length()).trim()))
                    .findFirst().orElseThrow();
            admin.configSet("maxclients", Long.toString(connected + 3));
            try {
                for (int i = 0; i < 3; i++) {
                    holders.add(new Socket(REDIS.host(), REDIS.port()));
                }
                admin.ping(); // the server accepted the holders before it answers this

                everyCommandSays(REDIS.url(), ExitCodes.UNREACHABLE, "Redis at " + REDIS.url() + " refused the "
                        + "connection: max number of clients reached (maxclients); raise maxclients, or find who "
                        + "holds the connections with wmon connections once one frees up");
            } finally {
                for (Socket holder : holders) {
                    holder.close();
                }
                admin.configSet("maxclients", "10000");
            }
        }
    }

    /** Regression: "ERR DB index is out of range" was an internal error, exit 1. */
    @Test
    void aDatabaseTheServerDoesNotHaveIsAUsageError() {
        everyCommandSays(REDIS.url() + "/99", ExitCodes.USAGE, "Redis at " + REDIS.url() + "/99 has no database 99 "
                + "(DB index is out of range); use a database below the server's 'databases' setting (16 unless "
                + "configured), e.g. redis://host:6379/0");
    }

    /** Regression: an HTTP server on the port read as "cannot reach Redis … (Unknown reply: H)". */
    @Test
    void aListenerThatIsNotRedis() throws IOException {
        try (ServerSocket http = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerHttp(http), "fake-http");
            server.setDaemon(true);
            server.start();
            String url = "redis://127.0.0.1:" + http.getLocalPort();

            everyCommandSays(url, ExitCodes.UNREACHABLE, "the server at " + url + " does not speak the Redis protocol "
                    + "(its reply began with 'H'); is the port right? set --redis or WMON_REDIS_URL");
        }
    }

    @Test
    void aRegistryOfAnotherTypeNamesTheKey() {
        TestFleet.admin(REDIS.url(), jedis -> {
            jedis.del("wmon:{" + NS + "}:workers");
            jedis.set("wmon:{" + NS + "}:workers", "not a sorted set");
        });

        everyCommandSays(REDIS.url(), ExitCodes.INTERNAL, "cannot read the worker registry wmon:{" + NS + "}:workers "
                + "(WRONGTYPE Operation against a key holding the wrong kind of value); is another application using "
                + "namespace " + NS + "?");
    }

    /** Answers every connection with an HTTP error, as a web server does to bytes it cannot parse. */
    private static void answerHttp(ServerSocket http) {
        while (!http.isClosed()) {
            try (Socket client = http.accept(); OutputStream out = client.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
                return;
            }
        }
    }
}
