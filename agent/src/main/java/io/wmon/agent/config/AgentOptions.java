package io.wmon.agent.config;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.InvalidEndpointException;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's options, immutable and validated up front, so that a mistake disables the agent with
 * one clear line before it opens a single connection.
 *
 * <p>Written {@code key=value,key=value} after {@code -javaagent:wmon-agent.jar=} or
 * {@code wmon attach PID}, e.g. {@code redis=redis://cache:6379,namespace=prod,id=w-7}. Keys are
 * case-sensitive: {@code redis}, {@code namespace}, {@code id}, {@code interval}, {@code poolMaxTotal},
 * {@code fleet}, {@code passwordFile}, {@code leakThreshold}, {@code redisPorts}, {@code config},
 * {@code mode}. Each key is taken from the option string, else the properties file named by
 * {@code config}, else the environment ({@code WMON_REDIS_URL}, {@code WMON_NAMESPACE},
 * {@code WMON_ID}), else its default. The password is {@code passwordFile}'s, else
 * {@code WMON_REDIS_PASSWORD}, else the URL's own.
 *
 * <p>Values: durations carry a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare
 * number is refused); {@code redisPorts} joins ports with {@code +} ({@code 6379+6380}); booleans
 * are {@code true|false} and modes {@code start|stop}, in lower case. Whitespace around keys and
 * values is trimmed and empty segments ({@code ,,}, a leading or trailing comma) are skipped; see
 * {@link RawOptions} for the rest of the syntax. Relative paths are resolved against the working
 * directory of the JVM, also inside the config file.
 *
 * @see AgentConfigException for what a mistake looks like
 */
public final class AgentOptions {

    /** Redis used when none is configured. */
    public static final String DEFAULT_REDIS = "redis://localhost:6379";
    /** Heartbeat interval used when none is configured. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Sockets to Redis above which the leak alarm is raised, unless configured. */
    public static final int DEFAULT_LEAK_THRESHOLD = 32;

    // A heartbeat more often than every second is load, not monitoring; one rarer than an hour is not alive.
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final int MAX_LEAK_THRESHOLD = 65_535;
    private static final String ENDPOINT_FORMS =
            "redis://[user:password@]host[:port][/db] or rediss://[user:password@]host[:port][/db]";

    private final RedisEndpoint redis;
    private final String passwordSource;
    private final String namespace;
    private final String workerId;
    private final Duration interval;
    private final int poolMaxTotal;
    private final boolean fleet;
    private final int leakThreshold;
    private final Set<Integer> redisPorts;
    private final Mode mode;
    private final String configFile;

    private AgentOptions(SettingLayers layers, Map<String, String> env, String configFile) {
        RedisEndpoint endpoint = endpoint(layers.get(OptionKey.REDIS));
        RedisPassword password = RedisPassword.choose(layers.get(OptionKey.PASSWORD_FILE), env.get(RedisPassword.ENV));
        this.redis = password.applyTo(endpoint);
        this.passwordSource = password.describe(redis);
        this.namespace = namespace(layers.get(OptionKey.NAMESPACE));
        this.workerId = workerId(layers.get(OptionKey.ID), env);
        Setting s = layers.get(OptionKey.INTERVAL);
        this.interval = s == null ? DEFAULT_INTERVAL : s.duration(MIN_INTERVAL, MAX_INTERVAL);
        s = layers.get(OptionKey.POOL_MAX_TOTAL);
        this.poolMaxTotal = s == null ? PoolSettings.DEFAULT_MAX_TOTAL : s.integer(1, PoolSettings.MAX_MAX_TOTAL);
        s = layers.get(OptionKey.FLEET);
        this.fleet = s != null && s.bool();
        s = layers.get(OptionKey.LEAK_THRESHOLD);
        this.leakThreshold = s == null ? DEFAULT_LEAK_THRESHOLD : s.integer(1, MAX_LEAK_THRESHOLD);
        this.redisPorts = redisPorts(layers.get(OptionKey.REDIS_PORTS), redis);
        s = layers.get(OptionKey.MODE);
        this.mode = s == null ? Mode.START : s.mode();
        this.configFile = configFile;
    }

    /**
     * Parses the agent's options, reading the real environment and the files they name.
     *
     * @param agentArgs the text after {@code =} in {@code -javaagent:}; {@code null} or empty for all defaults
     * @throws AgentConfigException with a one-line message when anything is wrong
     */
    public static AgentOptions parse(String agentArgs) {
        return parse(agentArgs, System.getenv());
    }

    /**
     * Parses the agent's options with {@code env} standing for the environment (files are still read).
     *
     * @throws AgentConfigException with a one-line message when anything is wrong
     */
    public static AgentOptions parse(String agentArgs, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Map<OptionKey, String> options = RawOptions.parse(agentArgs);
        String configPath = options.get(OptionKey.CONFIG);
        Map<OptionKey, String> file = Collections.emptyMap();
        Origin fileOrigin = null;
        if (configPath != null) {
            file = ConfigFile.load(new Setting(OptionKey.CONFIG, configPath, Origin.OPTIONS));
            fileOrigin = Origin.configFile(configPath);
        }
        return new AgentOptions(new SettingLayers(options, file, fileOrigin, env), env, configPath);
    }

    private static RedisEndpoint endpoint(Setting s) {
        if (s == null) {
            return RedisEndpoint.parse(DEFAULT_REDIS);
        }
        try {
            return RedisEndpoint.parse(s.value());
        } catch (InvalidEndpointException e) {
            // Keep the parser's reason but show the URL as ShownValue redacts it: the parser's own
            // redaction can miss a password holding '@' or '/', and does not cut or escape.
            String theirs = "'" + RedisEndpoint.redactUrl(s.value()) + "'";
            String message = e.getMessage();
            String hint = s.value().indexOf(',') >= 0 ? " (text after a ',' without '=' continues the URL)" : "";
            if (message != null && message.contains(theirs)) {
                throw new AgentConfigException("redis: " + message.replace(theirs, ShownValue.quoted(OptionKey.REDIS,
                        s.value())) + hint + s.origin().suffix());
            }
            throw s.invalid("is not a valid Redis URL", ENDPOINT_FORMS + hint);
        }
    }

    private static String namespace(Setting s) {
        if (s == null) {
            return FleetKeys.DEFAULT_NAMESPACE;
        }
        try {
            return FleetKeys.of(s.value()).namespace();
        } catch (IllegalArgumentException e) {
            throw s.invalid("is not a valid namespace", FleetKeys.NAMESPACE_FORM);
        }
    }

    private static String workerId(Setting s, Map<String, String> env) {
        if (s == null) {
            return DefaultWorkerId.of(env);
        }
        if (!FleetKeys.isValidWorkerId(s.value())) {
            throw s.invalid("is not a valid worker id", FleetKeys.WORKER_ID_FORM);
        }
        return s.value();
    }

    private static Set<Integer> redisPorts(Setting s, RedisEndpoint endpoint) {
        // The endpoint's port is always counted: the agent's own connections go there.
        Set<Integer> ports = new TreeSet<>(s == null ? Set.of(RedisEndpoint.DEFAULT_PORT) : s.ports());
        ports.add(endpoint.port());
        return Collections.unmodifiableSet(ports);
    }

    /** The Redis endpoint, with the chosen password applied (never printed: use {@code redacted()}). */
    public RedisEndpoint redis() {
        return redis;
    }

    /** The fleet namespace; matches {@link FleetKeys#NAMESPACE_FORM}. */
    public String namespace() {
        return namespace;
    }

    /** This worker's id; matches {@link FleetKeys#WORKER_ID_FORM}, by default {@code <hostname>-<pid>}. */
    public String workerId() {
        return workerId;
    }

    /** Time between heartbeats, 1 s to 1 h. */
    public Duration interval() {
        return interval;
    }

    /** Upper bound of the shared pool's connections, 1 to {@link PoolSettings#MAX_MAX_TOTAL}. */
    public int poolMaxTotal() {
        return poolMaxTotal;
    }

    /** Whether to register the Fleet MBean as well. */
    public boolean fleet() {
        return fleet;
    }

    /** Number of the JVM's sockets to Redis above which the leak alarm is raised. */
    public int leakThreshold() {
        return leakThreshold;
    }

    /**
     * Remote ports the socket census counts as Redis, sorted: those configured (by default 6379)
     * plus, always, the endpoint's port.
     */
    public Set<Integer> redisPorts() {
        return redisPorts;
    }

    public Mode mode() {
        return mode;
    }

    /** One line for the start-up log with every effective value; the password is never shown, only its source. */
    public String describe() {
        StringBuilder sb = new StringBuilder("mode=").append(mode.optionValue())
                .append(", redis=").append(redis.redacted())
                .append(", password=").append(passwordSource)
                .append(", namespace=").append(namespace)
                .append(", id=").append(workerId)
                .append(", interval=").append(DurationValue.format(interval))
                .append(", poolMaxTotal=").append(poolMaxTotal)
                .append(", fleet=").append(fleet)
                .append(", leakThreshold=").append(leakThreshold)
                .append(", redisPorts=").append(PortList.format(redisPorts));
        if (configFile != null) {
            sb.append(", config=").append(configFile);
        }
        // Paths and a URL-decoded user name may hold control characters; the line must stay one line.
        return ShownValue.escape(sb.toString(), Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return describe();
    }
}
