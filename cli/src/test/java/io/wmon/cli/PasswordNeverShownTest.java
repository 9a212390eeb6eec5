package io.wmon.cli;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A password given in {@code --redis} appears in no output of any command, success or failure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PasswordNeverShownTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String PASSWORD = "Tr0ub4dor-s3cret";
    private static final String NS = "secrets";

    @BeforeAll
    static void aclUserWithAPassword() {
        TestFleet.admin(REDIS.url(), jedis -> jedis.aclSetUser("ops", "on", ">" + PASSWORD, "~*", "&*", "+@all"));
        long now = System.currentTimeMillis();
        TestFleet fleet = new TestFleet(REDIS.url(), NS);
        fleet.write(worker("w1", now, WorkerState.BUSY).build(), worker("w2", now - 60_000, WorkerState.IDLE).build());
        fleet.writeGone(worker("w3", now - 90_000, WorkerState.IDLE).build());
    }

    @AfterAll
    static void dropUser() {
        TestFleet.admin(REDIS.url(), jedis -> jedis.aclDelUser("ops"));
    }

    /** The credentials-refused line names the user and the redacted URL; neither password, from the URL or a file. */
    @Test
    void theCredentialsRefusedLineShowsNoPassword(@TempDir Path dir) throws IOException {
        String wrongInUrl = REDIS.url().replace("redis://", "redis://ops:" + PASSWORD + "-wrong@");
        Path wrongFile = Files.writeString(dir.resolve("pw"), PASSWORD + "-from-a-file\n");

        CliResult fromUrl = Cli.run("-r", wrongInUrl, "-n", NS, "--verbose", "status");
        // redis://ops@host would mean the password "ops"; a user without a password is written ops:
        CliResult fromFile = Cli.run("-r", REDIS.url().replace("redis://", "redis://ops:@"), "-n", NS,
                "--password-file", wrongFile.toString(), "connections", "--json");

        for (CliResult result : List.of(fromUrl, fromFile)) {
            assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.err().lines().findFirst().orElseThrow())
                    .startsWith("wmon: Redis at " + REDIS.url().replace("redis://", "redis://ops:****@")
                            + " refused the credentials of user ops:");
            assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
        }
        assertThat(fromFile.errorLine()).contains("WRONGPASS");
    }

    @Test
    void noCommandPrintsThePassword() {
        String good = REDIS.url().replace("redis://", "redis://ops:" + PASSWORD + "@");
        String wrong = REDIS.url().replace("redis://", "redis://ops:" + PASSWORD + "-wrong@");
        List<CliResult> results = new ArrayList<>();
        for (String url : List.of(good, wrong)) {
            results.add(Cli.run("-r", url, "-n", NS, "status"));
            results.add(Cli.run("-r", url, "-n", NS, "status", "--json"));
            results.add(Cli.run("-r", url, "-n", NS, "--verbose", "status", "--json"));
            results.add(Cli.run("-r", url, "-n", NS, "status", "-c", "--interval", "0.01", "--max-cycles", "3"));
            results.add(Cli.run("-r", url, "-n", NS, "status", "-c", "--json", "-i", "0.01", "--max-cycles", "3"));
            results.add(Cli.run("-r", url, "-n", NS, "connections"));
            results.add(Cli.run("-r", url, "-n", NS, "connections", "--json"));
            results.add(Cli.run("-r", url, "-n", NS, "prune", "--dry-run"));
            results.add(Cli.run("-r", url, "-n", NS, "prune", "--json", "--dry-run"));
        }
        results.add(Cli.run("-r", good + "/x", "status"));

        for (CliResult result : results) {
            assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
        }
        assertThat(results.get(0).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(results.get(1).json().get("redis").asText()).isEqualTo(
                REDIS.url().replace("redis://", "redis://ops:****@"));
        assertThat(results.get(9).exitCode()).as(results.get(9).err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(results.get(9).err()).contains("redis://ops:****@");
    }
}
