package io.wmon.agent.config;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.record.WorkerRecord;
import io.wmon.core.redis.InvalidEndpointException;
import io.wmon.core.redis.PasswordChoice;
import io.wmon.core.redis.PoolSettings;
import io.wmon.core.redis.RedisEndpoint;
import io.wmon.core.redis.RedisNode;
import io.wmon.core.redis.RedisTopology;
import io.wmon.core.redis.SentinelPassword;
import io.wmon.core.redis.SentinelUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's options, immutable and validated up front, so that a mistake disables the agent with
 * one clear line before it opens a single connection.
 *
 * <p>Written {@code key=value,key=value} after {@code -javaagent:wmon-agent.jar=} or
 * {@code wmon attach PID}, e.g. {@code redis=redis://cache:6379,namespace=prod,id=w-7}, with
 * {@code \,} for a comma inside a value ({@link OptionString}). Each key is taken from the option
 * string, else the properties file named by {@code config}, else the environment
 * ({@code WMON_REDIS_URL}, {@code WMON_NAMESPACE}, {@code WMON_ID}), else its default
 * ({@link SettingLayers}); the password as {@link PasswordChoice} orders it, the sentinels' own as
 * {@link SentinelPassword} does ({@code sentinelPasswordFile}, else {@code WMON_SENTINEL_PASSWORD}), their ACL user as
 * {@link SentinelUser} does ({@code sentinelUser}, else {@code WMON_SENTINEL_USER}). Relative paths are
 * resolved against the JVM's working directory, also inside the config file. The TLS keys
 * ({@link TlsOptions}) are checked here, their stores read later, on the agent's thread.
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
    /** The Redis default port: counted as Redis by the socket census, with the endpoint's, unless redisPorts is given. */
    public static final int DEFAULT_REDIS_PORT = 6379;

    // A heartbeat more often than every second is load, not monitoring; one rarer than an hour is not alive.
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofMillis(WorkerRecord.MAX_INTERVAL_MILLIS);
    private static final int MAX_LEAK_THRESHOLD = 65_535;
    static final int MAX_PASSWORD_FILE_BYTES = 4096;

    private final RedisEndpoint redis;
    private final String passwordSource;
    /** Where the sentinels' password came from, as {@link #describe()} shows it. */
    private final String sentinelPasswordSource;
    private final String namespace;
    private final String workerId;
    private final Duration interval;
    private final int poolMaxTotal;
    private final boolean fleet;
    private final int leakThreshold;
    private final Set<Integer> redisPorts;
    private final Mode mode;
    private final String configFile;
    private final List<String> notInEffect;

    private AgentOptions(SettingLayers layers, Map<String, String> env) {
        PasswordChoice password = password(endpoint(layers.get(OptionKey.REDIS)), layers.get(OptionKey.PASSWORD_FILE),
                env.get(PasswordChoice.ENV_VAR));
        Setting sentinelFile = layers.get(OptionKey.SENTINEL_PASSWORD_FILE);
        RedisEndpoint withSentinelPassword = sentinelUser(sentinelPassword(password.endpoint(), sentinelFile,
                env.get(SentinelPassword.ENV_VAR)), layers.get(OptionKey.SENTINEL_USER), env.get(SentinelUser.ENV_VAR));
        this.redis = TlsOptions.apply(withSentinelPassword, layers);
        this.passwordSource = password.describe();
        this.sentinelPasswordSource = !withSentinelPassword.hasSentinelPassword() ? "none"
                : sentinelFile != null ? "from " + OptionKey.SENTINEL_PASSWORD_FILE.key() + " " + sentinelFile.value()
                : "from " + SentinelPassword.ENV_VAR;
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
        s = layers.get(OptionKey.REDIS_PORTS);
        this.redisPorts = s == null ? defaultPorts(redis) : s.ports();
        s = layers.get(OptionKey.MODE);
        this.mode = s == null ? Mode.START : s.mode();
        s = layers.get(OptionKey.CONFIG);
        this.configFile = s == null ? null : s.value();
        List<String> given = new ArrayList<>();
        for (OptionKey key : OptionKey.values()) {
            if (!key.inEffect() && layers.get(key) != null) {
                given.add(key.key());
            }
        }
        this.notInEffect = Collections.unmodifiableList(given);
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
        return new AgentOptions(SettingLayers.read(agentArgs, env), env);
    }

    /**
     * The endpoint's ports and 6379: a Cluster's seed ports; for Sentinel 6379 only, since the sentinels'
     * ports are not Redis data connections (the census adds the master the sentinels name as it finds it).
     */
    private static Set<Integer> defaultPorts(RedisEndpoint endpoint) {
        Set<Integer> ports = new TreeSet<>();
        if (endpoint.topology() != RedisTopology.SENTINEL) {
            for (RedisNode node : endpoint.nodes()) {
                ports.add(node.port());
            }
        }
        ports.add(DEFAULT_REDIS_PORT);
        return Collections.unmodifiableSet(ports);
    }

    private static RedisEndpoint endpoint(Setting s) {
        if (s == null) {
            return RedisEndpoint.parse(DEFAULT_REDIS);
        }
        try {
            return RedisEndpoint.parse(s.value());
        } catch (InvalidEndpointException e) {
            // The parser's message shows the URL redacted, cut and on one line.
            throw new AgentConfigException("redis: " + e.getMessage() + s.where());
        }
    }

    private static PasswordChoice password(RedisEndpoint url, Setting file, String fromEnv) {
        String fromFile = file == null ? null : file.secretText(MAX_PASSWORD_FILE_BYTES, "a file holding the Redis password");
        String fileName = file == null ? null : OptionKey.PASSWORD_FILE.key() + " " + file.value();
        PasswordChoice choice = PasswordChoice.choose(url, fileName, fromFile, fromEnv);
        if (choice.source() == PasswordChoice.Source.ENVIRONMENT && fromEnv.length() > OptionString.MAX_VALUE_LENGTH) {
            throw new AgentConfigException(PasswordChoice.ENV_VAR + " is too long; use at most "
                    + OptionString.MAX_VALUE_LENGTH + " characters");
        }
        return choice;
    }

    /** The sentinels' password applied: {@code sentinelPasswordFile} (only with a Sentinel URL), else the environment's. */
    private static RedisEndpoint sentinelPassword(RedisEndpoint url, Setting file, String fromEnv) {
        if (file != null && url.topology() != RedisTopology.SENTINEL) {
            throw file.invalid("is given, but redis is no Redis Sentinel URL", "it with redis=redis-sentinel://host:26379/<master>");
        }
        String fromFile = file == null ? null : file.secretText(MAX_PASSWORD_FILE_BYTES, "a file holding the sentinels' password");
        if (file == null && fromEnv != null && fromEnv.length() > OptionString.MAX_VALUE_LENGTH
                && url.topology() == RedisTopology.SENTINEL) {
            throw new AgentConfigException(SentinelPassword.ENV_VAR + " is too long; use at most "
                    + OptionString.MAX_VALUE_LENGTH + " characters");
        }
        String fileName = file == null ? null : OptionKey.SENTINEL_PASSWORD_FILE.key() + " " + file.value();
        return SentinelPassword.apply(url, fileName, fromFile, fromEnv);
    }

    /** The sentinels' ACL user applied: {@code sentinelUser} (only with a Sentinel URL and password), else the environment's. */
    private static RedisEndpoint sentinelUser(RedisEndpoint url, Setting user, String fromEnv) {
        if (user != null && url.topology() != RedisTopology.SENTINEL) {
            throw user.invalid("is given, but redis is no Redis Sentinel URL", "it with redis=redis-sentinel://host:26379/<master>");
        }
        try {
            return SentinelUser.apply(url, OptionKey.SENTINEL_USER.key(), user == null ? null : user.value(), fromEnv,
                    OptionKey.SENTINEL_PASSWORD_FILE.key() + " or " + SentinelPassword.ENV_VAR);
        } catch (IllegalArgumentException e) {
            throw new AgentConfigException(e.getMessage());
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

    /** Whether to register the Fleet MBean ({@code io.wmon:type=Fleet,namespace=<NS>}) as well. */
    public boolean fleet() {
        return fleet;
    }

    /** Number of the JVM's established sockets to Redis above which the leak alarm is raised, 1..65535. */
    public int leakThreshold() {
        return leakThreshold;
    }

    /**
     * Remote ports the socket census counts as Redis on any address, sorted: those {@code redisPorts} lists,
     * else the endpoint's port and {@value #DEFAULT_REDIS_PORT}. (The endpoint's own address and port always
     * count, listed or not.)
     */
    public Set<Integer> redisPorts() {
        return redisPorts;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * One line for the start-up log with every value in effect, e.g. {@code mode=start,
     * redis=redis://cache:6379, password=none, namespace=prod, id=w-7, interval=5s, poolMaxTotal=4,
     * leakThreshold=32, redisPorts=6379} ({@code , fleet=true} when the Fleet MBean is on)
     * ({@code rediss://} adds {@code tls=JVM default trust} or the stores, e.g. {@code tls=trust store
     * /etc/wmon/ca.p12}; Sentinel adds {@code sentinelPassword=none} or where it came from); the passwords are
     * never shown, only where they came from. Keys given that this version does not
     * use yet are named at the end: {@code ; accepted but not in effect in this version: leakThreshold}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("mode=").append(mode.optionValue())
                .append(", redis=").append(redis.redacted());
        if (redis.tls()) {
            sb.append(", tls=").append(redis.tlsSettings().describe());
        }
        sb.append(", password=").append(passwordSource);
        if (redis.topology() == RedisTopology.SENTINEL) {
            sb.append(", sentinelPassword=").append(sentinelPasswordSource);
            if (redis.sentinelUser() != null) {
                sb.append(", sentinelUser=").append(redis.sentinelUser());
            }
        }
        sb.append(", namespace=").append(namespace)
                .append(", id=").append(workerId)
                .append(", interval=").append(Setting.format(interval))
                .append(", poolMaxTotal=").append(poolMaxTotal)
                .append(", leakThreshold=").append(leakThreshold)
                .append(", redisPorts=").append(ports(redisPorts));
        if (fleet) {
            sb.append(", fleet=true");
        }
        if (configFile != null) {
            sb.append(", config=").append(configFile);
        }
        if (!notInEffect.isEmpty()) {
            sb.append("; accepted but not in effect in this version: ").append(String.join(", ", notInEffect));
        }
        // Paths and a URL-decoded user name may hold control characters; the line must stay one line.
        return ShownValue.escape(sb.toString(), Integer.MAX_VALUE);
    }

    private static String ports(Set<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (int port : ports) {
            sb.append(sb.length() == 0 ? "" : "+").append(port);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
