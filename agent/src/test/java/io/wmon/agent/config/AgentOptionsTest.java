package io.wmon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.redis.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {

    private static final Map<String, String> NO_ENV = Map.of("HOSTNAME", "node-1");
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static AgentOptions parse(String args) {
        return AgentOptions.parse(args, NO_ENV);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", ",", " , ,, "})
    void nothingGivenMeansEveryDefault(String args) {
        AgentOptions o = parse(args);

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://localhost:6379"));
        assertThat(o.redis().hasPassword()).isFalse();
        assertThat(o.namespace()).isEqualTo(FleetKeys.DEFAULT_NAMESPACE);
        assertThat(o.workerId()).isEqualTo("node-1-" + PID);
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.poolMaxTotal()).isEqualTo(4);
        assertThat(o.fleet()).isFalse();
        assertThat(o.leakThreshold()).isEqualTo(32);
        assertThat(o.redisPorts()).containsExactly(6379);
        assertThat(o.mode()).isEqualTo(Mode.START);
    }

    @Test
    void everyKeyIsRead() {
        AgentOptions o = parse("redis=rediss://cache.internal:6380/2,namespace=prod,id=w-7,interval=1500ms,"
                + "poolMaxTotal=8,fleet=true,leakThreshold=100,redisPorts=7000+7001,mode=stop");

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("rediss://cache.internal:6380/2"));
        assertThat(o.namespace()).isEqualTo("prod");
        assertThat(o.workerId()).isEqualTo("w-7");
        assertThat(o.interval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.poolMaxTotal()).isEqualTo(8);
        assertThat(o.fleet()).isTrue();
        assertThat(o.leakThreshold()).isEqualTo(100);
        assertThat(o.redisPorts()).containsExactly(7000, 7001);
        assertThat(o.mode()).isEqualTo(Mode.STOP);
    }

    /** Without redisPorts the census counts the endpoint's port and 6379; given, exactly what it lists. */
    @Test
    void redisPortsAreWhatIsGivenElseTheEndpointsAnd6379() {
        assertThat(parse("redis=redis://h:7777").redisPorts()).containsExactly(6379, 7777);
        assertThat(parse("redis=redis://h").redisPorts()).containsExactly(6379);
        assertThat(parse("redis=redis://h:6390,redisPorts=6380 + 6381+6380").redisPorts()).containsExactly(6380, 6381);
    }

    @Test
    void redisPortsCannotBeModified() {
        assertThatThrownBy(() -> parse("").redisPorts().add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void boundsAreInclusive() {
        assertThat(parse("interval=1s").interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(parse("interval=1h").interval()).isEqualTo(Duration.ofHours(1));
        assertThat(parse("interval=60m").interval()).isEqualTo(Duration.ofHours(1));
        assertThat(parse("poolMaxTotal=1").poolMaxTotal()).isEqualTo(1);
        assertThat(parse("poolMaxTotal=64").poolMaxTotal()).isEqualTo(64);
        assertThat(parse("leakThreshold=1").leakThreshold()).isEqualTo(1);
        assertThat(parse("leakThreshold=65535").leakThreshold()).isEqualTo(65535);
        assertThat(parse("redisPorts=1+65535").redisPorts()).contains(1, 65535);
    }

    @Test
    void whitespaceAroundKeysAndValuesIsTrimmed() {
        AgentOptions o = parse("  namespace = prod ,\tid=w-1\n, fleet= true ");

        assertThat(o.namespace()).isEqualTo("prod");
        assertThat(o.workerId()).isEqualTo("w-1");
        assertThat(o.fleet()).isTrue();
    }

    @Test
    void emptySegmentsAreSkipped() {
        AgentOptions o = parse(",namespace=prod,,,id=w-1,");

        assertThat(o.namespace()).isEqualTo("prod");
        assertThat(o.workerId()).isEqualTo("w-1");
    }

    @Test
    void anEscapedCommaInTheRedisPasswordStaysInTheUrl() {
        AgentOptions o = parse("redis=redis://:pa\\,ss@h:6379,namespace=prod");

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://h:6379").withPassword("pa,ss"));
        assertThat(o.namespace()).isEqualTo("prod");
    }

    @Test
    void anEqualsSignInTheRedisPasswordIsPartOfTheValue() {
        AgentOptions o = parse("redis=redis://:abc==@h");

        assertThat(o.redis()).isEqualTo(RedisEndpoint.parse("redis://h").withPassword("abc=="));
    }

    @Test
    void modeIsReadInLowerCase() {
        assertThat(parse("mode=start").mode()).isEqualTo(Mode.START);
        assertThat(parse("mode=stop").mode()).isEqualTo(Mode.STOP);
    }

    @Test
    void describeShowsEveryEffectiveValueOnOneLine() throws Exception {
        Path config = Files.writeString(dir.resolve("wmon.properties"), "leakThreshold=50\n");
        AgentOptions o = parse("redis=redis://app:S3cr3tPw@cache:6380/1,namespace=prod,id=w-7,interval=90s,"
                + "poolMaxTotal=2,fleet=true,redisPorts=7000,config=" + config);

        assertThat(o.describe()).isEqualTo("mode=start, redis=redis://app:****@cache:6380/1, "
                + "password=from the URL, namespace=prod, id=w-7, interval=90s, poolMaxTotal=2, leakThreshold=50, "
                + "redisPorts=7000, fleet=true, config=" + config);
        assertThat(o.toString()).isEqualTo(o.describe());
    }

    @Test
    void describeOfTheDefaults() {
        assertThat(parse(null).describe()).isEqualTo("mode=start, "
                + "redis=redis://localhost:6379, password=none, namespace=default, id=node-1-" + PID
                + ", interval=5s, poolMaxTotal=4, leakThreshold=32, redisPorts=6379");
    }

    @Test
    void describeShowsFleetOnlyWhenOnAndEveryKeyIsInEffect() {
        assertThat(parse("fleet=false").describe()).endsWith(", redisPorts=6379");
        assertThat(parse("fleet=true").describe()).endsWith(", redisPorts=6379, fleet=true");
        assertThat(parse("redis=redis://h:6390,redisPorts=6379+6380,leakThreshold=8").describe())
                .endsWith(", poolMaxTotal=4, leakThreshold=8, redisPorts=6379+6380")
                .doesNotContain("not in effect");
    }

    @Test
    void describeNamesThePasswordsSourceNeverThePassword() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "FromFileS3cret\n");

        Map<String, String> env = Map.of("HOSTNAME", "n", "WMON_REDIS_PASSWORD", "FromEnvS3cret");
        String fromFile = AgentOptions.parse("redis=redis://:InUrlS3cret@h,passwordFile=" + file, env).describe();
        String fromUrl = AgentOptions.parse("redis=redis://:InUrlS3cret@h", env).describe();
        String fromEnv = AgentOptions.parse("redis=redis://h", env).describe();

        assertThat(fromFile).contains("password=from passwordFile " + file, "redis=redis://:****@h:6379")
                .doesNotContain("S3cret");
        assertThat(fromUrl).contains("password=from the URL", "redis=redis://:****@h:6379").doesNotContain("S3cret");
        assertThat(fromEnv).contains("password=from WMON_REDIS_PASSWORD", "redis=redis://:****@h:6379")
                .doesNotContain("S3cret");
    }

    @Test
    void theSentinelsPasswordComesFromItsFileElseTheEnvironmentAndIsNeverShown() throws Exception {
        Path file = Files.writeString(dir.resolve("sentinel.pw"), "FromFileS3cret\n");
        Map<String, String> env = Map.of("HOSTNAME", "n", "WMON_SENTINEL_PASSWORD", "FromEnvS3cret");
        String url = "redis=redis-sentinel://:InUrlS3cret@s1:26379\\,s2:26379/jobs";

        AgentOptions fromFile = AgentOptions.parse(url + ",sentinelPasswordFile=" + file, env);
        AgentOptions fromEnv = AgentOptions.parse(url, env);
        AgentOptions none = AgentOptions.parse(url, Map.of("HOSTNAME", "n"));

        assertThat(fromFile.describe()).contains("password=from the URL, sentinelPassword=from sentinelPasswordFile " + file)
                .doesNotContain("S3cret");
        assertThat(fromEnv.describe()).contains("sentinelPassword=from WMON_SENTINEL_PASSWORD").doesNotContain("S3cret");
        assertThat(none.describe()).contains("sentinelPassword=none");
        assertThat(fromFile.redis().hasSentinelPassword()).isTrue();
        assertThat(none.redis().hasSentinelPassword()).isFalse();
        assertThat(fromFile.redis()).as("another sentinel password, another pool").isNotEqualTo(fromEnv.redis());
        assertThat(fromFile.redis().withSentinelPassword("FromEnvS3cret")).isEqualTo(fromEnv.redis());
        // a variable set for every process is no mistake where there are no sentinels
        AgentOptions plain = AgentOptions.parse("redis=redis://h", env);
        assertThat(plain.describe()).doesNotContain("sentinelPassword");
        assertThat(plain.redis().hasSentinelPassword()).isFalse();
    }

    @Test
    void theSentinelsAclUserComesFromItsOptionElseTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("sentinel.pw"), "FromFileS3cret\n");
        String url = "redis=redis-sentinel://s1:26379\\,s2:26379/jobs,sentinelPasswordFile=" + file;
        Map<String, String> env = Map.of("HOSTNAME", "n", "WMON_SENTINEL_USER", "from-env");

        AgentOptions fromOption = AgentOptions.parse(url + ",sentinelUser=watcher", env);
        AgentOptions fromEnv = AgentOptions.parse(url, env);
        AgentOptions none = AgentOptions.parse(url, Map.of("HOSTNAME", "n"));

        assertThat(fromOption.describe()).contains("sentinelPassword=from sentinelPasswordFile " + file + ", sentinelUser=watcher")
                .doesNotContain("S3cret");
        assertThat(fromOption.redis().sentinelUser()).isEqualTo("watcher");
        assertThat(fromEnv.redis().sentinelUser()).isEqualTo("from-env");
        assertThat(none.describe()).doesNotContain("sentinelUser");
        assertThat(none.redis().sentinelUser()).isNull();
        assertThat(fromOption.redis()).as("another sentinel user, another pool").isNotEqualTo(fromEnv.redis());
        // a variable set for every process is no mistake where there are no sentinels
        assertThat(AgentOptions.parse("redis=redis://h", env).describe()).doesNotContain("sentinelUser");
    }

    @Test
    void describeKeepsAControlCharacterInTheUserNameVisible() {
        String line = parse("redis=redis://ev%0Ail:pw@h").describe();

        assertThat(line).doesNotContain("\n").contains("ev\\nil:****@h");
    }

    @Test
    void theRealEnvironmentOverloadWorks() {
        AgentOptions o = AgentOptions.parse("namespace=prod,id=w-1,redis=redis://h:1");

        assertThat(o.namespace()).isEqualTo("prod");
        assertThat(o.workerId()).isEqualTo("w-1");
    }
}
