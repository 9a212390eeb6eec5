package io.wmon.cli.command.demo;

import io.wmon.cli.shell.ExplicitOptions;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.core.redis.RedisEndpoint;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The Redis a demo run uses, in this order: the one the user named ({@code --redis} or
 * {@code WMON_REDIS_URL}); else one answering {@code PING} on {@code 127.0.0.1:6379} within
 * {@link #LOCAL_PING_TIMEOUT}; else a {@code redis-server} the demo starts on a free port.
 */
final class DemoRedis {

    static final String LOCAL_HOST = "127.0.0.1";
    static final int LOCAL_PORT = 6379;
    static final Duration LOCAL_PING_TIMEOUT = Duration.ofMillis(200);

    private final String url;
    private final RedisEndpoint endpoint;
    private final String description;
    private final boolean chosenByUser;

    private DemoRedis(String url, RedisEndpoint endpoint, String description, boolean chosenByUser) {
        this.url = url;
        this.endpoint = endpoint;
        this.description = description;
        this.chosenByUser = chosenByUser;
    }

    /**
     * @param startOwn start a Redis of its own whatever else is there (a hidden flag, for tests on
     *     machines whose port 6379 is taken)
     * @throws DemoFailure when the demo's own Redis does not start
     */
    static DemoRedis choose(CommandLine command, WmonCommand root, boolean startOwn, DemoRun run, PrintWriter err) {
        if (!startOwn) {
            Optional<String> named = ExplicitOptions.typed(command, "--redis").or(DemoRedis::fromEnvironment);
            if (named.isPresent()) {
                RedisEndpoint endpoint = root.endpoint();
                return new DemoRedis(named.get(), endpoint, "at " + endpoint.redacted(), true);
            }
            String reply = RedisPing.reply(LOCAL_HOST, LOCAL_PORT, LOCAL_PING_TIMEOUT);
            if ("+PONG".equals(reply)) {
                String local = "redis://" + LOCAL_HOST + ":" + LOCAL_PORT;
                return new DemoRedis(local, RedisEndpoint.parse(local), "at " + local + " (found running)", false);
            }
            if (reply != null) {
                err.println("wmon demo: the Redis on " + LOCAL_HOST + ":" + LOCAL_PORT + " answered "
                        + reply.split(" ")[0] + "; starting one of its own (or pass --redis URL)");
            }
        }
        StartedRedis started = run.startRedis(DemoRedis::startOwn);
        return new DemoRedis(started.url(), RedisEndpoint.parse(started.url()),
                "started at " + started.url() + " (pid " + started.pid() + ")", false);
    }

    private static StartedRedis startOwn() {
        try {
            return StartedRedis.start(RedisServerBinary.locate());
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new DemoFailure(e.getMessage(), e);
        }
    }

    private static Optional<String> fromEnvironment() {
        String url = System.getenv("WMON_REDIS_URL");
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    /** The URL for the workers (it may hold a password: never print it, use {@link #describe()}). */
    String url() {
        return url;
    }

    RedisEndpoint endpoint() {
        return endpoint;
    }

    /** Where it is and where it came from, password redacted. */
    String describe() {
        return description;
    }

    /** Whether the user named it; only then do the workers get the user's {@code WMON_REDIS_PASSWORD}. */
    boolean chosenByUser() {
        return chosenByUser;
    }
}
