package io.wmon.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code wmon --password-file FILE}: the Redis password, chosen before the URL's own, never shown. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RootPasswordFileTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String PASSWORD = "f1le-s3cret";

    @TempDir
    Path dir;

    @BeforeAll
    static void aclUser() {
        TestFleet.admin(REDIS.url(), jedis -> jedis.aclSetUser("filer", "reset", "on", ">" + PASSWORD, "~*", "&*",
                "+@all"));
    }

    @AfterAll
    static void dropUser() {
        TestFleet.admin(REDIS.url(), jedis -> jedis.aclDelUser("filer"));
    }

    @Test
    void theFileWinsOverAPasswordInTheUrl() throws IOException {
        Path file = Files.writeString(dir.resolve("redis.pw"), PASSWORD + "\n");
        String wrongInUrl = REDIS.url().replace("redis://", "redis://filer:not-this@");

        CliResult result = Cli.run("-r", wrongInUrl, "--password-file", file.toString(), "status", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.json().get("redis").asText()).isEqualTo(REDIS.url().replace("redis://", "redis://filer:****@"));
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD).doesNotContain("not-this");
    }

    @Test
    void aMissingFileIsOneUsageLine() {
        Path missing = dir.resolve("nope.pw");

        CliResult result = Cli.run("-r", REDIS.url(), "--password-file", missing.toString(), "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("wmon: --password-file " + missing + " cannot be read (no such file)");
        assertThat(result.out()).isEmpty();
    }

    /** jmx keeps its own --password-file, for JMX: the root's does not reach it, nor it the root's. */
    @Test
    void jmxHasAPasswordFileOfItsOwn() throws IOException {
        Path file = Files.writeString(dir.resolve("jmx.pw"), "jmx\n");

        CliResult local = Cli.run("jmx", "123", "--user", "u", "--password-file", file.toString());

        assertThat(local.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(local.errLines()).singleElement().asString().contains("a local PID needs no password");
    }
}
