package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.core.redis.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options win over the config file, the file over the environment, the environment over defaults. */
class AgentOptionsPrecedenceTest {

    private static final long PID = ProcessHandle.current().pid();

    private static final Map<String, String> ENV = Map.of(
            "HOSTNAME", "node-1",
            "WMON_REDIS_URL", "redis://env-host:6001",
            "WMON_NAMESPACE", "envns",
            "WMON_ID", "env-id");

    @TempDir
    Path dir;

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("wmon.properties"), text);
    }

    @Test
    void optionBeatsFileBeatsEnvironmentBeatsDefault() throws Exception {
        Path file = config("redis=redis://file-host:6002\nnamespace=filens\ninterval=7s\n");

        AgentOptions o = AgentOptions.parse("config=" + file + ",redis=redis://opt-host:6003", ENV);

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://opt-host:6003")); // option
        assertThat(o.namespace()).isEqualTo("filens");                                 // file
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(7));                      // file, no env var
        assertThat(o.workerId()).isEqualTo("env-id");                                   // environment
        assertThat(o.poolMaxTotal()).isEqualTo(4);                                      // default
    }

    @Test
    void environmentAloneIsEnough() {
        AgentOptions o = AgentOptions.parse(null, ENV);

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://env-host:6001"));
        assertThat(o.namespace()).isEqualTo("envns");
        assertThat(o.workerId()).isEqualTo("env-id");
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        AgentOptions o = AgentOptions.parse(null, Map.of("HOSTNAME", "node-1", "WMON_NAMESPACE", "",
                "WMON_ID", "  ", "WMON_REDIS_URL", "", "WMON_REDIS_PASSWORD", ""));

        assertThat(o.namespace()).isEqualTo("default");
        assertThat(o.workerId()).isEqualTo("node-1-" + PID);
        assertThat(o.redis().hasPassword()).isFalse();
    }

    @Test
    void aBadEnvironmentVariableShadowedByAnOptionDoesNoHarm() {
        AgentOptions o = AgentOptions.parse("namespace=ok", Map.of("HOSTNAME", "n", "WMON_NAMESPACE", "not ok!"));

        assertThat(o.namespace()).isEqualTo("ok");
    }

    @Test
    void everyKeyMayComeFromTheFile() throws Exception {
        Path file = config("# comment\nredis = redis://h:6390\nnamespace=ns\nid=i-1\ninterval=2m\npoolMaxTotal=3\n"
                + "fleet=true\nleakThreshold=9\nredisPorts=6391+6392\nmode=stop\n");

        AgentOptions o = AgentOptions.parse("config=" + file, Map.of());

        assertThat(o.describe()).isEqualTo("mode=stop, redis=redis://h:6390, password=none, "
                + "namespace=ns, id=i-1, interval=2m, poolMaxTotal=3, leakThreshold=9, redisPorts=6391+6392, fleet=true, "
                + "config=" + file);
        assertThat(o.fleet()).isTrue();
        assertThat(o.leakThreshold()).isEqualTo(9);
        assertThat(o.redisPorts()).containsExactly(6391, 6392);
    }

    /**
     * The order shared with the CLI: passwordFile, else the URL's own password, else WMON_REDIS_PASSWORD.
     * (Before, the agent let the environment beat the URL while the CLI did the opposite.)
     */
    @Test
    void passwordFileBeatsUrlBeatsEnvironment() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "from-file\n");
        Map<String, String> env = Map.of("HOSTNAME", "n", "WMON_REDIS_PASSWORD", "from-env");
        RedisEndpoint bare = RedisEndpoint.parse("redis://h:6379");

        assertThat(AgentOptions.parse("redis=redis://:from-url@h,passwordFile=" + pw, env).redis())
                .isEqualTo(bare.withPassword("from-file"));
        assertThat(AgentOptions.parse("redis=redis://:from-url@h", env).redis())
                .isEqualTo(bare.withPassword("from-url"));
        assertThat(AgentOptions.parse("redis=redis://h", env).redis())
                .isEqualTo(bare.withPassword("from-env"));
        assertThat(AgentOptions.parse("redis=redis://:from-url@h", Map.of("HOSTNAME", "n")).redis())
                .isEqualTo(bare.withPassword("from-url"));
    }

    @Test
    void theEnvironmentsPasswordAppliesToAUrlFromTheEnvironmentToo() {
        AgentOptions o = AgentOptions.parse(null, Map.of("HOSTNAME", "n", "WMON_REDIS_URL", "redis://env-host:6001",
                "WMON_REDIS_PASSWORD", "from-env"));

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://:from-env@env-host:6001"));
        assertThat(o.describe()).contains("password=from WMON_REDIS_PASSWORD");
    }

    @Test
    void aHugeEnvironmentPasswordDoesNoHarmWhenTheUrlHasOne() {
        AgentOptions o = AgentOptions.parse("redis=redis://:from-url@h",
                Map.of("HOSTNAME", "n", "WMON_REDIS_PASSWORD", "x".repeat(5000)));

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://:from-url@h"));
    }

    @Test
    void passwordKeepsTheUrlsUser() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "secret");

        AgentOptions o = AgentOptions.parse("redis=redis://app:old@h,passwordFile=" + pw, Map.of("HOSTNAME", "n"));

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://app:secret@h"));
    }

    @Test
    void passwordFileMayBeNamedInTheConfigFile() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "from-file\r\n");
        Path file = config("redis=redis://h\npasswordFile=" + pw + "\n");

        AgentOptions o = AgentOptions.parse("config=" + file, Map.of("WMON_REDIS_PASSWORD", "from-env"));

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://h").withPassword("from-file"));
    }

    @Test
    void onlyOneTrailingNewlineIsTakenOffThePassword() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), " two words \n\n");

        AgentOptions o = AgentOptions.parse("passwordFile=" + pw, Map.of());

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse(AgentOptions.DEFAULT_REDIS).withPassword(" two words \n"));
    }
}
