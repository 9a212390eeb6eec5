package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wmon.core.redis.RedisUnavailableException.Reason;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Real refusals from a real server (a password it requires, an ACL user, {@code maxclients}, a
 * database it does not have) and a real listener that is not Redis, each as one line with its
 * {@link Reason}, never Redis's whole error text, never a password.
 */
@Timeout(60)
class RedisFailuresTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String SECRET = "s3cret-Pw";

    /** The failure of one PING on a fresh pool for {@code url}. */
    private static RedisUnavailableException failureOf(String url) {
        return failureOf(url, client -> client.ping());
    }

    private static RedisUnavailableException failureOf(String url, Consumer<redis.clients.jedis.UnifiedJedis> work) {
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(url), "wmon:test:failures",
                PoolSettings.defaults().withMaxTotal(1))) {
            return catchThrowableOfType(RedisUnavailableException.class, () -> pool.run(work));
        }
    }

    private static String url(String userInfo) {
        return REDIS.url().replace("redis://", "redis://" + userInfo + "@");
    }

    private static void admin(Consumer<Jedis> action) {
        try (Jedis jedis = new Jedis(new HostAndPort(REDIS.host(), REDIS.port()),
                DefaultJedisClientConfig.builder().clientName("wmon-test-admin").build())) {
            action.accept(jedis);
        }
    }

    /** Regression: NOAUTH printed Redis's paragraph about HELLO, under "cannot reach Redis … is it running?". */
    @Test
    void aServerThatRequiresAPasswordNoneWasGivenFor() {
        try (Jedis admin = new Jedis(REDIS.host(), REDIS.port())) {
            admin.configSet("requirepass", SECRET);
            try {
                RedisUnavailableException none = failureOf(REDIS.url());
                RedisUnavailableException wrong = failureOf(url(":not-" + SECRET));

                assertThat(none.reason()).isEqualTo(Reason.CREDENTIALS_REFUSED);
                assertThat(none).hasMessage("Redis at " + REDIS.url()
                        + " refused the connection: it requires a password and none was given (NOAUTH)");
                assertThat(wrong.reason()).isEqualTo(Reason.CREDENTIALS_REFUSED);
                assertThat(wrong).hasMessage("Redis at " + url(":****") + " refused the credentials of user default: "
                        + "wrong password, no such user, or the user is disabled (WRONGPASS)");
                assertThat(failureOf(url(":" + SECRET))).isNull();
            } finally {
                admin.configSet("requirepass", "");
            }
        }
    }

    @Test
    void anAclRefusalNamesTheCommandAndTheGrant() {
        admin(jedis -> {
            jedis.aclSetUser("no-zrange", "reset", "on", ">pw", "~*", "&*", "+@all", "-zrange", "-client|list");
            jedis.aclSetUser("no-keys", "reset", "on", ">pw", "~other:*", "+@all");
        });
        try {
            RedisUnavailableException command = failureOf(url("no-zrange:pw"), c -> c.zrange("wmon:{t}:workers", 0, -1));
            RedisUnavailableException sub = failureOf(url("no-zrange:pw"), c -> c.sendCommand(Protocol.Command.CLIENT, "LIST"));
            RedisUnavailableException key = failureOf(url("no-keys:pw"), c -> c.zrange("wmon:{t}:workers", 0, -1));

            assertThat(command.reason()).isEqualTo(Reason.PERMISSION_DENIED);
            assertThat(command).hasMessage("Redis at " + url("no-zrange:****")
                    + " refused ZRANGE to user no-zrange (NOPERM); grant it with ACL SETUSER no-zrange +zrange");
            assertThat(sub).hasMessageEndingWith("refused CLIENT LIST to user no-zrange (NOPERM); "
                    + "grant it with ACL SETUSER no-zrange +client|list");
            assertThat(key.reason()).isEqualTo(Reason.PERMISSION_DENIED);
            assertThat(key).hasMessageEndingWith("refused user no-keys a key it needs (NOPERM); "
                    + "grant wmon's keys with ACL SETUSER no-keys ~wmon:*");
        } finally {
            admin(jedis -> {
                jedis.aclDelUser("no-zrange");
                jedis.aclDelUser("no-keys");
            });
        }
    }

    /** Regression: "ERR DB index is out of range" was an internal error. */
    @Test
    void aDatabaseTheServerDoesNotHave() {
        RedisUnavailableException failure = failureOf(REDIS.url() + "/99");

        assertThat(failure.reason()).isEqualTo(Reason.NO_SUCH_DATABASE);
        assertThat(failure).hasMessage("Redis at " + REDIS.url() + "/99 has no database 99 (DB index is out of range)");
    }

    /** Regression: "ERR max number of clients reached" was an internal error. */
    @Test
    void maxclientsReachedByConnectionsThatAreOpen() throws IOException {
        List<Socket> holders = new ArrayList<>();
        try (Jedis admin = new Jedis(REDIS.host(), REDIS.port())) {
            long connected = Long.parseLong(admin.info("clients").lines().filter(l -> l.startsWith("connected_clients:"))
                    .findFirst().orElseThrow().substring("connected_clients:".length()).trim());
            admin.configSet("maxclients", Long.toString(connected + 2));
            try {
                for (int i = 0; i < 2; i++) {
                    holders.add(new Socket(REDIS.host(), REDIS.port()));
                }
                admin.ping(); // the holders are accepted by now: the server answers in order
                RedisUnavailableException failure = failureOf(REDIS.url());

                assertThat(failure.reason()).isEqualTo(Reason.MAXCLIENTS_REACHED);
                assertThat(failure).hasMessage("Redis at " + REDIS.url()
                        + " refused the connection: max number of clients reached (maxclients)");
            } finally {
                for (Socket holder : holders) {
                    holder.close();
                }
                admin.configSet("maxclients", "10000");
            }
        }
    }

    /** Regression: an HTTP server on the port read as "cannot reach Redis (Unknown reply: H)". */
    @Test
    void aListenerThatIsNotRedis() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerHttp(http), "fake-http");
            server.setDaemon(true);
            server.start();

            RedisUnavailableException failure = failureOf("redis://127.0.0.1:" + http.getLocalPort());

            assertThat(failure.reason()).isEqualTo(Reason.NOT_REDIS);
            assertThat(failure).hasMessage("the server at redis://127.0.0.1:" + http.getLocalPort()
                    + " does not speak the Redis protocol (its reply began with 'H')");
        }
    }

    /** A server older than Redis 6 does not know HELLO, with which wmon asks for RESP3. */
    @Test
    void aServerWithoutHelloNeedsRedisSix() throws Exception {
        try (ServerSocket old = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerAsRedisFive(old), "fake-redis-5");
            server.setDaemon(true);
            server.start();

            RedisUnavailableException failure = failureOf("redis://127.0.0.1:" + old.getLocalPort());

            assertThat(failure.reason()).isEqualTo(Reason.NOT_REDIS);
            assertThat(failure).hasMessage("the server at redis://127.0.0.1:" + old.getLocalPort()
                    + " does not know HELLO (RESP3): wmon needs Redis 6 or later");
        }
    }

    /** Regression: a port that accepts and closes at once read "cannot reach Redis at … (Unexpected end of stream.)". */
    @Test
    void aListenerThatClosesAtOnceIsNamedSo() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> closeEach(closing), "fake-closing");
            server.setDaemon(true);
            server.start();

            RedisUnavailableException failure = failureOf("redis://127.0.0.1:" + closing.getLocalPort());

            assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(failure.getMessage()).matches("cannot reach Redis at redis://127\\.0\\.0\\.1:" + closing.getLocalPort()
                    + " \\(the server (closed|reset) the connection\\)");
        }
    }

    @Test
    void aClosedPortIsStillUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        RedisUnavailableException failure = failureOf("redis://127.0.0.1:" + closed);

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure).hasMessage("cannot reach Redis at redis://127.0.0.1:" + closed + " (connection refused)");
    }

    @Test
    void aWrongTypeIsNotAnAvailabilityProblem() {
        admin(jedis -> jedis.set("wmon:{t}:string", "x"));
        try (SharedPool pool = SharedPoolRegistry.jvm().acquire(RedisEndpoint.parse(REDIS.url()), "wmon:test:failures",
                PoolSettings.defaults().withMaxTotal(1))) {
            assertThat(catchThrowableOfType(JedisException.class, () -> pool.run(c -> c.zrange("wmon:{t}:string", 0, -1))))
                    .hasMessageStartingWith("WRONGTYPE");
        } finally {
            admin(jedis -> jedis.del("wmon:{t}:string"));
        }
    }

    /** Accepts every connection and closes it at once. */
    private static void closeEach(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                // closed by try-with-resources before a byte is read
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers the first command of every connection as Redis 5 answers HELLO, then waits for the client to leave. */
    private static void answerAsRedisFive(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept(); OutputStream out = client.getOutputStream()) {
                client.getInputStream().read(new byte[256]);
                out.write("-ERR unknown command `HELLO`, with args beginning with: `3`, \r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                client.getInputStream().read(new byte[256]);
            } catch (IOException closed) {
                return;
            }
        }
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
