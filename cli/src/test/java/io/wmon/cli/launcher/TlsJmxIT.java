package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.cli.fixture.TargetJvmMain;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/wmon jmx host:port} against a worker whose {@code jmxremote} port requires a password
 * and speaks TLS ({@code jmxremote.ssl=true}), as docs/operations.md describes: the CLI's own JVM
 * trusts the worker's certificate through {@code WMON_JAVA_OPTS}; without that trust it cannot connect.
 */
@Timeout(180)
class TlsJmxIT {

    private static final TestCertificates CERTS = TestCertificates.get();

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** The worker, started in {@code @BeforeAll}: closed after the class. */
    @RegisterExtension
    static final ChildProcesses PROCESSES = new ChildProcesses();

    @TempDir
    static Path dir;

    private static int port;
    private static Path password;

    @BeforeAll
    static void startJvmWithTlsJmx() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path passwords = ownerOnly(Files.writeString(dir.resolve("jmxremote.password"), "monitor tlsJmxPw5\n"));
        Path access = ownerOnly(Files.writeString(dir.resolve("jmxremote.access"), "monitor readonly\n"));
        password = ownerOnly(Files.writeString(dir.resolve("jmx.pw"), "tlsJmxPw5\n"));
        ChildProcess jvm = PROCESSES.start("tls-jmx", JvmCommand.on(Jdk.current())
                .agent("redis=" + REDIS.url() + ",namespace=t,id=tls-jmx-1,interval=1s")
                .jvmFlag("-Dcom.sun.management.jmxremote.port=" + port,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=true",
                        "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                        "-Dcom.sun.management.jmxremote.access.file=" + access,
                        "-Dcom.sun.management.jmxremote.ssl=true",
                        "-Dcom.sun.management.jmxremote.registry.ssl=false",
                        "-Djavax.net.ssl.keyStore=" + CERTS.serverKeyStoreP12(),
                        "-Djavax.net.ssl.keyStoreType=PKCS12",
                        "-Djavax.net.ssl.keyStorePassword=" + TestCertificates.STORE_PASSWORD,
                        "-Djava.rmi.server.hostname=127.0.0.1")
                .mainClass(TargetJvmMain.class));
        jvm.awaitStdout(TargetJvmMain.READY, ChildProcess.START_TIMEOUT);
    }

    private static Path ownerOnly(Path file) throws IOException {
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** What one run of {@code bin/wmon} printed, and its exit code. */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result jmx(Map<String, String> env) {
        ProcessCommand command = ProcessCommand.of(LauncherIT.LAUNCHER, "jmx", "127.0.0.1:" + port, "--user",
                "monitor", "--password-file", password.toString(), "Worker:Id").stdinFromNull();
        env.forEach(command::env);
        ChildProcess wmon = PROCESSES.start("wmon", command);
        int code = wmon.awaitExit(Duration.ofSeconds(60));
        return new Result(code, wmon.stdout(), wmon.stderr());
    }

    @Test
    void withTheCliJvmTrustingTheWorkersCertificateTheMBeansAreRead() {
        Map<String, String> env = Map.of("WMON_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + CERTS.trustStoreJks());

        await().atMost(Duration.ofSeconds(60)).until(() -> jmx(env).exitCode() == 0);
        Result run = jmx(env);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("tls-jmx-1");
        assertThat(run.out() + run.err()).doesNotContain("tlsJmxPw5");
    }

    @Test
    void withoutThatTrustTheCliCannotConnect_exit3() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jmx(Map.of("WMON_JAVA_OPTS",
                "-Djavax.net.ssl.trustStore=" + CERTS.trustStoreJks())).exitCode() == 0);

        Result run = jmx(Map.of());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out() + run.err()).doesNotContain("tlsJmxPw5");
    }
}
