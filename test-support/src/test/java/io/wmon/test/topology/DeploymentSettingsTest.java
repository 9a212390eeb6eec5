package io.wmon.test.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad settings fail at once with one line naming the setting and what it accepts. */
class DeploymentSettingsTest {

    @Test
    void clusterSettingsOutOfRangeAreRefused() {
        RedisClusterDeployment.Builder builder = RedisClusterDeployment.builder();

        assertThatThrownBy(() -> builder.masters(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("masters is 0, expected 1..16");
        assertThatThrownBy(() -> builder.masters(17)).hasMessage("masters is 17, expected 1..16");
        assertThatThrownBy(() -> builder.nodeTimeout(Duration.ofMillis(99)))
                .hasMessage("nodeTimeout is 99 ms, expected at least 100 ms");
        assertThatThrownBy(() -> builder.readyTimeout(Duration.ZERO))
                .hasMessage("readyTimeout is PT0S, expected a positive duration");
    }

    @Test
    void sentinelSettingsOutOfRangeAreRefused() {
        RedisSentinelDeployment.Builder builder = RedisSentinelDeployment.builder();

        assertThatThrownBy(() -> builder.masterName("my master")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("masterName is 'my master', expected letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> builder.sentinels(3, 4))
                .hasMessage("sentinels 3 with quorum 4, expected 1..9 sentinels and a quorum of 1..sentinels");
        assertThatThrownBy(() -> builder.downAfter(Duration.ZERO)).hasMessage("downAfter is PT0S, expected at least 1 ms");
    }

    @Test
    void passwordsThatAServerCouldNotTakeAreRefusedWithoutQuotingThem() {
        RedisSentinelDeployment.Builder builder = RedisSentinelDeployment.builder();
        String expected = ", expected 1..128 characters without whitespace or control characters";

        assertThatThrownBy(() -> builder.dataPassword(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataPassword is null" + expected);
        assertThatThrownBy(() -> builder.sentinelPassword("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sentinelPassword is empty" + expected);
        assertThatThrownBy(() -> builder.dataPassword("x".repeat(129))).hasMessage("dataPassword has 129 characters" + expected);
        assertThatThrownBy(() -> builder.sentinelPassword("two words"))
                .hasMessage("sentinelPassword has whitespace or a control character at index 3" + expected);
        assertThatThrownBy(() -> builder.dataPassword("tab\there")).hasMessageContaining("at index 3");
        assertThatThrownBy(() -> builder.dataPassword("nl\n")).hasMessageContaining("at index 2");
        assertThatThrownBy(() -> builder.dataPassword("nul\0")).hasMessageContaining("at index 3");
        assertThatThrownBy(() -> builder.dataPassword("nbsp\u00a0")).hasMessageContaining("at index 4");
        assertThatThrownBy(() -> builder.dataPassword("del\u007f")).hasMessageContaining("at index 3");
        assertThatThrownBy(() -> builder.dataPassword("secret\r")).hasMessageNotContaining("secret");

        assertThat(builder.dataPassword("x".repeat(128))).isSameAs(builder);
        assertThat(builder.sentinelPassword("p\"w'd\\é")).isSameAs(builder);
    }

    @Test
    void aSentinelConfigurationMonitorsTheMasterWithTheGivenTimes(@TempDir Path dir) throws IOException {
        Path file = SentinelConfigFile.write(dir, "jobs", 30001, 2, Duration.ofMillis(1_000), Duration.ofMillis(5_000), null, null, null);

        assertThat(file).isEqualTo(dir.resolve(SentinelConfigFile.NAME));
        assertThat(Files.readAllLines(file)).contains(
                "bind 127.0.0.1",
                "sentinel monitor jobs 127.0.0.1 30001 2",
                "sentinel down-after-milliseconds jobs 1000",
                "sentinel failover-timeout jobs 5000");
        assertThat(Files.readString(file)).doesNotContain("auth-pass").doesNotContain("requirepass");
    }

    @Test
    void aSentinelConfigurationCarriesBothPasswordsQuotedForTheConfigParser(@TempDir Path dir) throws IOException {
        Path file = SentinelConfigFile.write(dir, "jobs", 30001, 2, Duration.ofMillis(1_000), Duration.ofMillis(5_000),
                "data'pw", "sen\"ti\\nel", null);

        // The auth-pass line must follow the monitor line, which declares the master it names.
        assertThat(Files.readAllLines(file)).containsSubsequence(
                "sentinel monitor jobs 127.0.0.1 30001 2",
                "sentinel auth-pass jobs \"data'pw\"",
                "requirepass \"sen\\\"ti\\\\nel\"");
    }

    @Test
    void aSentinelAclUserTakesThePasswordAndTheDefaultUserIsOff(@TempDir Path dir) throws IOException {
        Path file = SentinelConfigFile.write(dir, "jobs", 30001, 2, Duration.ofMillis(1_000), Duration.ofMillis(5_000),
                null, "sen\"pw", "watcher");

        assertThat(Files.readAllLines(file)).contains(
                "user default off",
                "user watcher on \">sen\\\"pw\" allchannels +@all",
                "sentinel sentinel-user watcher",
                "sentinel sentinel-pass \"sen\\\"pw\"");
        assertThat(Files.readString(file)).doesNotContain("requirepass");
    }

    @Test
    void aSentinelUserNeedsASentinelPassword() {
        RedisSentinelDeployment.Builder builder = RedisSentinelDeployment.builder().sentinelUser("watcher");
        org.assertj.core.api.Assertions.assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("sentinelUser needs a sentinelPassword: an ACL user logs in with one");
    }
}
