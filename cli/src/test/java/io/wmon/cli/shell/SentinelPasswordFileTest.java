package io.wmon.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.topology.RedisSentinelExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;

/**
 * {@code wmon --sentinel-password-file FILE} where it cannot apply, against real servers: a URL without
 * sentinels and a file that cannot be read are usage errors; sentinels that have no password say so. (The
 * sentinels that want one: {@code SentinelPasswordIT}.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SentinelPasswordFileTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    static final RedisSentinelExtension SENTINEL = new RedisSentinelExtension();

    private static final String PASSWORD = "s3ntinel-s3cret";

    @TempDir
    Path dir;

    private Path passwordFile() throws IOException {
        return Files.writeString(dir.resolve("sentinel.pw"), PASSWORD + "\n");
    }

    @Test
    void aUrlWithoutSentinelsIsAUsageError() throws IOException {
        CliResult result = Cli.run("-r", REDIS.url(), "--sentinel-password-file", passwordFile().toString(), "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("wmon: --sentinel-password-file is given, but "
                + REDIS.url() + " is no Redis Sentinel URL; the sentinels' password goes with redis-sentinel://host:26379/<master>");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aSentinelUserForAUrlWithoutSentinelsOrWithoutAPasswordIsAUsageError() {
        CliResult plain = Cli.run("-r", REDIS.url(), "--sentinel-user", "watcher", "status");
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(plain.errLines()).singleElement().asString().startsWith("wmon: --sentinel-user is given, but ")
                .contains("is no Redis Sentinel URL");

        CliResult noPassword = Cli.run("-r", SENTINEL.url(), "status", "--sentinel-user", "watcher");
        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassword.errLines()).singleElement().asString().startsWith("wmon: --sentinel-user names the"
                + " sentinels' ACL user watcher, but no sentinel password is given");
        assertThat(plain.out() + noPassword.out()).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsAUsageError() {
        Path missing = dir.resolve("nope.pw");

        CliResult result = Cli.run("-r", SENTINEL.url(), "status", "--sentinel-password-file", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("wmon: --sentinel-password-file " + missing
                + " cannot be read (no such file); it should hold the sentinels' password (UTF-8, at most 4096 bytes)");
    }

    @Test
    void sentinelsWithoutAPasswordSaySoAndKeepNoConnection() throws IOException {
        CliResult result = Cli.run("-r", SENTINEL.url(), "--sentinel-password-file", passwordFile().toString(),
                "status", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("wmon: the sentinel at "
                + SENTINEL.sentinels().get(0) + " has no password, but a sentinel password was given: give none;"
                + " the sentinels' password (their requirepass) comes from wmon --sentinel-password-file FILE"
                + " or WMON_SENTINEL_PASSWORD (and their ACL user from --sentinel-user or WMON_SENTINEL_USER), the master's from the URL");
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
        for (HostAndPort sentinel : SENTINEL.sentinels()) {
            assertThat(SENTINEL.probe(sentinel).countClients("wmon:cli:")).as("on " + sentinel).isZero();
        }
        assertThat(SENTINEL.masterProbe().countClients("wmon:cli:")).isZero();
    }
}
