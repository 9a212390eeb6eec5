package io.wmon.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.test.ClientInfo;
import io.wmon.test.ConnectionSampler;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.RedisTls;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.tls.TestCertificates;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent in a real worker JVM over mutual TLS to {@code redis-server --tls-port}, with
 * certificates made for the test: it beats through wmon's own trust and key stores while the host
 * JVM's TLS defaults stay untouched; a wrong password disables it in one line; a certificate for
 * another host is refused by host-name verification.
 */
@Timeout(value = 120, unit = SECONDS)
class TlsAgentIT {

    private static final TestCertificates CERTS = TestCertificates.get();

    @RegisterExtension
    static final WorkerFleetExtension FLEET = WorkerFleetExtension.on(
            RedisServerExtension.withTls(RedisTls.of(CERTS, true)));

    @RegisterExtension
    static final RedisServerExtension WRONG_HOST = RedisServerExtension.withTls(RedisTls.wrongHost(CERTS));

    @TempDir
    Path dir;

    private static AgentArgs mutual(String id, Path keyStorePasswordFile) {
        return AgentArgs.of(FLEET.redis().tlsUrl("localhost"), id)
                .with("tlsTrustStore", CERTS.trustStoreP12().toString())
                .with("tlsTrustStorePasswordFile", CERTS.storePasswordFile().toString())
                .with("tlsKeyStore", CERTS.clientKeyStoreP12().toString())
                .with("tlsKeyStorePasswordFile", keyStorePasswordFile.toString());
    }

    private static JvmCommand worker() {
        return FLEET.exampleWorker(Jdk.current()).args("--stdin");
    }

    @Test
    void theAgentBeatsOverMutualTlsOnItsOwnStores_theHostJvmsDefaultsUntouched() {
        AgentArgs args = mutual("tls-1", CERTS.storePasswordFile());

        ChildProcess worker = FLEET.start("worker", worker().agent(args.toString()));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        FLEET.records().awaitRecord("tls-1", ChildProcess.START_TIMEOUT);
        await().atMost(Duration.ofSeconds(10)).until(() -> FLEET.probe().countClients(args.connectionName()) > 0);

        List<ClientInfo> named = FLEET.probe().clients().stream()
                .filter(c -> c.name().equals(args.connectionName())).toList();
        assertThat(named).hasSizeBetween(1, 4)
                .allSatisfy(c -> assertThat(c.laddr()).endsWith(":" + FLEET.redis().tlsPort()));
        assertThat(worker.systemProperties()).doesNotContainKeys("javax.net.ssl.trustStore", "javax.net.ssl.keyStore",
                "javax.net.ssl.trustStorePassword", "javax.net.ssl.keyStorePassword");
        assertThat(worker.stderr()).contains("wmon agent started: mode=start, redis=" + FLEET.redis().tlsUrl("localhost")
                + ", tls=trust store " + CERTS.trustStoreP12() + " and key store " + CERTS.clientKeyStoreP12())
                .doesNotContain(TestCertificates.STORE_PASSWORD);
        worker.send("exit");
        assertThat(worker.awaitExit(Duration.ofSeconds(15))).isZero();
        assertThat(FLEET.records().record("tls-1")).containsEntry("state", "stopped");
    }

    @Test
    void aWrongKeyStorePasswordDisablesTheAgentInOneLine_theWorkerRunsOn() {
        Path wrong = TestCertificates.secretFile(dir, "notTheStorePw7");
        AgentArgs args = mutual("tls-2", wrong);

        ChildProcess worker = FLEET.start("worker", worker().agent(args.toString()));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        worker.awaitStderr("wmon agent could not start", ChildProcess.START_TIMEOUT);
        ConnectionSampler samples = ConnectionSampler.sample(FLEET.probe(), Duration.ofMillis(1_500));

        List<String> lines = worker.stderr().lines().filter(line -> line.contains("wmon agent could not start")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).endsWith("wmon agent could not start: tlsKeyStore " + CERTS.clientKeyStoreP12()
                + " cannot be opened: wrong password (from tlsKeyStorePasswordFile) or a damaged file");
        assertThat(worker.stderr()).doesNotContain("notTheStorePw7").doesNotContain(TestCertificates.STORE_PASSWORD)
                .doesNotContain("\tat ").doesNotContain("wmon agent started");
        assertThat(samples.seen(client -> client.name().startsWith("wmon:"))).isEmpty();
        assertThat(FLEET.records().record("tls-2")).isEmpty();
        worker.send("busy job-1");
        worker.send("succeed");
        worker.send("exit");
        assertThat(worker.awaitExit(Duration.ofSeconds(15))).isZero();
        assertThat(worker.stdout()).contains("ok succeed");
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() {
        AgentArgs args = AgentArgs.of(WRONG_HOST.tlsUrl("localhost"), "tls-3")
                .with("tlsTrustStore", CERTS.caPem().toString());

        ChildProcess worker = FLEET.start("worker", worker().agent(args.toString()));
        worker.awaitStdout("^ready pid=\\d+ agent=true$", ChildProcess.START_TIMEOUT);
        worker.awaitStderr("wmon heartbeat failed", ChildProcess.START_TIMEOUT);

        assertThat(worker.stderr()).contains("TLS: the server's certificate does not name host localhost");
        assertThat(WRONG_HOST.probe().countClients("wmon:")).isZero();
        worker.send("exit");
        assertThat(worker.awaitExit(Duration.ofSeconds(15))).isZero();
    }
}
