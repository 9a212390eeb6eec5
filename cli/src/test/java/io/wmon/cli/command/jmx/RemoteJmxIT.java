package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.fixture.TargetJvmMain;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ChildProcesses;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wmon jmx host:port} against a JVM with an authenticated {@code jmxremote} port on the
 * loopback interface (no TLS), reading the password from {@code --password-file}.
 */
@Timeout(120)
class RemoteJmxIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** Started in {@code @BeforeAll}: closed after the class. */
    @RegisterExtension
    static final ChildProcesses PROCESSES = new ChildProcesses();

    @TempDir
    static Path dir;
    private static int port;

    @BeforeAll
    static void startJvmWithAuthenticatedJmx() throws IOException {
        port = freePort();
        Path passwords = ownerOnly(Files.writeString(dir.resolve("jmxremote.password"), "monitor s3cret\n"));
        Path access = ownerOnly(Files.writeString(dir.resolve("jmxremote.access"), "monitor readonly\n"));
        ChildProcess jvm = PROCESSES.start("remote-jmx", JvmCommand.on(Jdk.current())
                .agent("redis=" + REDIS.url() + ",namespace=r,id=remote-1,interval=1s")
                .jvmFlag("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                "-Dcom.sun.management.jmxremote.access.file=" + access,
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Djava.rmi.server.hostname=127.0.0.1")
                .mainClass(TargetJvmMain.class));
        jvm.awaitStdout(TargetJvmMain.READY, ChildProcess.START_TIMEOUT);
    }

    private static Path ownerOnly(Path file) throws IOException {
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static Path passwordFile(String password) throws IOException {
        return ownerOnly(Files.writeString(Files.createTempFile(dir, "pw", ""), password + "\n"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theRightPasswordReadsTheWorkerMBean() throws IOException {
        Path password = passwordFile("s3cret");
        String target = "127.0.0.1:" + port;

        await().atMost(Duration.ofSeconds(30)).until(() -> Cli.run("jmx", target, "--user", "monitor",
                "--password-file", password.toString(), "Worker:Id").exitCode() == ExitCodes.OK);
        CliResult run = Cli.run("jmx", target, "--json", "--user", "monitor", "--password-file", password.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode document = run.json();
        assertThat(document.get("kind").asText()).isEqualTo("remote");
        assertThat(document.get("jmxUrl").asText()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        JsonNode worker = document.get("mbeans").findParents("objectName").stream()
                .filter(m -> m.get("objectName").asText().equals("io.wmon:type=Worker")).findFirst().orElseThrow();
        assertThat(worker.get("attributes").get("Id").asText()).isEqualTo("remote-1");
        assertThat(run.out() + run.err()).doesNotContain("s3cret");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureExit3() throws IOException {
        CliResult run = Cli.run("jmx", "127.0.0.1:" + port, "--user", "monitor", "--password-file",
                passwordFile("not-the-password").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("authentication failed").contains("'monitor'")
                .doesNotContain("not-the-password");
    }

    @Test
    void noCredentialsSaysWhichFlagsToPass() {
        CliResult run = Cli.run("jmx", "127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("requires authentication").contains("--user");
    }

    @Test
    void aClosedPortIsConnectionRefusedExit3() throws IOException {
        CliResult run = Cli.run("jmx", "127.0.0.1:" + freePort());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("connection refused");
    }
}
