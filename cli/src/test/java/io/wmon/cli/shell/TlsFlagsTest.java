package io.wmon.cli.shell;

import static io.wmon.cli.TestFleet.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.TestFleet;
import io.wmon.core.record.WorkerState;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.RedisTls;
import io.wmon.test.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's TLS flags against {@code redis-server --tls-port} requiring client certificates: the
 * fleet is read over one verified, named connection; a bad store or password is a usage error of
 * one line without the password; an untrusted server is unreachable with the reason.
 */
@Timeout(60)
class TlsFlagsTest {

    private static final TestCertificates CERTS = TestCertificates.get();
    private static final String NS = "tls";

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.withTls(RedisTls.of(CERTS, true));

    @TempDir
    Path dir;

    @BeforeAll
    static void writeFleet() {
        new TestFleet(REDIS.url(), NS).write(worker("w-1", System.currentTimeMillis(), WorkerState.IDLE).build());
    }

    @AfterEach
    void noCliConnectionOutlivesARun() {
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.probe().countClients("wmon:cli:") == 0);
    }

    private static List<String> tls(Path keyStorePasswordFile, String... rest) {
        List<String> args = new ArrayList<>(List.of("-r", REDIS.tlsUrl("localhost"), "-n", NS,
                "--tls-trust-store", CERTS.trustStoreP12().toString(),
                "--tls-trust-store-password-file", CERTS.storePasswordFile().toString(),
                "--tls-key-store", CERTS.clientKeyStoreP12().toString(),
                "--tls-key-store-password-file", keyStorePasswordFile.toString()));
        args.addAll(List.of(rest));
        return args;
    }

    private static void assertOneLineWithoutPasswords(CliResult result, String... passwords) {
        assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
        for (String password : List.of(passwords)) {
            assertThat(result.out() + result.err()).doesNotContain(password);
        }
        assertThat(result.out() + result.err()).doesNotContain(TestCertificates.STORE_PASSWORD);
    }

    @Test
    void statusReadsTheFleetOverMutualTlsOnOneNamedConnection() {
        AtomicLong maxSeen = new AtomicLong();
        CompletableFuture<CliResult> run = CompletableFuture.supplyAsync(() -> Cli.run(tls(CERTS.storePasswordFile(),
                "status", "--json", "-c", "-i", "0.05", "--max-cycles", "40").toArray(new String[0])));
        while (!run.isDone()) {
            maxSeen.accumulateAndGet(REDIS.probe().clients().stream()
                    .filter(c -> c.name().startsWith("wmon:cli:" + NS + ":"))
                    .filter(c -> c.laddr().endsWith(":" + REDIS.tlsPort())).count(), Math::max);
        }
        CliResult result = run.join();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"id\":\"w-1\"");
        assertThat(maxSeen.get()).isEqualTo(1);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void flagsAfterTheSubcommandWorkToo() {
        CliResult result = Cli.run("-r", REDIS.tlsUrl("127.0.0.1"), "-n", NS, "status", "--json",
                "--tls-trust-store", CERTS.caPem().toString(),
                "--tls-key-store", CERTS.clientKeyStoreJks().toString(),
                "--tls-key-store-password-file", CERTS.storePasswordFile().toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"id\":\"w-1\"");
    }

    @Test
    void aWrongKeyStorePasswordIsAUsageErrorOfOneLine() {
        Path wrong = TestCertificates.secretFile(dir, "notItCli99");
        CliResult result = Cli.run(tls(wrong, "status").toArray(new String[0]));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip()).isEqualTo("wmon: --tls-key-store " + CERTS.clientKeyStoreP12()
                + " cannot be opened: wrong password (from --tls-key-store-password-file) or a damaged file");
        assertOneLineWithoutPasswords(result, "notItCli99");
        assertThat(REDIS.probe().countClients("wmon:cli:")).isZero();
    }

    @Test
    void storeMistakesAreUsageErrors() {
        CliResult missing = Cli.run("-r", REDIS.tlsUrl("localhost"), "--tls-trust-store", dir.resolve("no.p12").toString(),
                "status");
        CliResult noPassword = Cli.run("-r", REDIS.tlsUrl("localhost"), "--tls-key-store",
                CERTS.clientKeyStoreP12().toString(), "status");
        CliResult plainUrl = Cli.run("-r", REDIS.url(), "--tls-trust-store", CERTS.caPem().toString(), "status");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--tls-trust-store " + dir.resolve("no.p12") + " cannot be read (no such file)");
        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassword.err()).contains("--tls-key-store needs --tls-key-store-password-file");
        assertThat(plainUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(plainUrl.err()).contains("need a rediss:// URL");
        for (CliResult result : List.of(missing, noPassword, plainUrl)) {
            assertOneLineWithoutPasswords(result);
        }
    }

    @Test
    void withoutATrustStoreTheJvmDefaultTrustRefusesTheTestCa_exit3() {
        CliResult result = Cli.run("-r", REDIS.tlsUrl("localhost"), "-n", NS, "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("TLS: the server's certificate is not trusted");
        assertOneLineWithoutPasswords(result);
    }

    @Test
    void withoutAClientCertificateTheServerClosesTheConnection_exit3() {
        CliResult result = Cli.run("-r", REDIS.tlsUrl("localhost"), "-n", NS, "--tls-trust-store",
                CERTS.caPem().toString(), "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("TLS: the server").contains("client certificate");
        assertOneLineWithoutPasswords(result);
    }
}
