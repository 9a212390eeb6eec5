package io.wmon.test.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The agent's option string ({@code key=value,key=value}) for a test worker: the test's own Redis,
 * namespace {@value #NAMESPACE}, a one-second heartbeat; {@link #with} changes or adds any key.
 */
public final class AgentArgs {

    /** The fleet namespace test workers report under unless told otherwise. */
    public static final String NAMESPACE = "it";

    private final Map<String, String> options = new LinkedHashMap<>();

    private AgentArgs(String redisUrl, String id) {
        options.put("redis", redisUrl);
        options.put("namespace", NAMESPACE);
        options.put("id", id);
        options.put("interval", "1s");
    }

    public static AgentArgs of(String redisUrl, String id) {
        return new AgentArgs(redisUrl, id);
    }

    /** Sets (or replaces) one option, keeping its place in the string. */
    public AgentArgs with(String key, String value) {
        options.put(key, value);
        return this;
    }

    /** The id this worker reports under. */
    public String id() {
        return options.get("id");
    }

    public String namespace() {
        return options.get("namespace");
    }

    /** The name of the agent's pooled connections: {@code wmon:agent:<NS>:<id>}. */
    public String connectionName() {
        return "wmon:agent:" + namespace() + ":" + id();
    }

    @Override
    public String toString() {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
