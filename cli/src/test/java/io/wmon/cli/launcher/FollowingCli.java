package io.wmon.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.ProcessCommand;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;

/**
 * The two long-running CLI processes the failover and resharding ITs keep on one namespace while they move
 * its master: {@code status --continuous --interval 0.5 --json} and {@code watch --json}, real {@code bin/wmon}
 * processes, each holding one connection named {@code wmon:cli:…} on the namespace's node.
 */
final class FollowingCli {

    private static final Duration STARTED = Duration.ofSeconds(20);
    private static final Duration FOLLOWED = Duration.ofSeconds(30);
    private static final Duration STOPPED = Duration.ofSeconds(10);

    private final ChildProcess continuous;
    private final ChildProcess watch;

    private FollowingCli(ChildProcess continuous, ChildProcess watch) {
        this.continuous = continuous;
        this.watch = watch;
    }

    /** Starts both on {@code url} and {@code namespace}; returns once {@code status --continuous} shows one worker alive. */
    static FollowingCli start(WorkerFleetExtension fleet, String url, String namespace) {
        ChildProcess continuous = fleet.start("continuous", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", url,
                "-n", namespace, "status", "--continuous", "--interval", "0.5", "--json").stdinFromNull());
        ChildProcess watch = fleet.start("watch", ProcessCommand.of(LauncherIT.LAUNCHER, "-r", url, "-n",
                namespace, "watch", "--json").stdinFromNull());
        continuous.awaitStdout("\"alive\":1", STARTED);
        return new FollowingCli(continuous, watch);
    }

    /**
     * Makes {@code worker} busy with {@code job} and waits until {@code watch} prints the job and
     * {@code status --continuous} a busy worker, both read after the move; both processes still run.
     */
    void awaitBusy(ChildProcess worker, String job) {
        int watchSeen = watch.stdout().length();
        int continuousSeen = continuous.stdout().length();
        worker.send("busy " + job);
        await().atMost(FOLLOWED).untilAsserted(() -> assertThat(watch.stdout().substring(watchSeen))
                .as(watch::describe).contains(job));
        await().atMost(FOLLOWED).untilAsserted(() -> assertThat(continuous.stdout().substring(continuousSeen))
                .as(continuous::describe).contains("\"state\":\"busy\""));
        assertThat(continuous.isAlive()).as(continuous.describe()).isTrue();
        assertThat(watch.isAlive()).as(watch.describe()).isTrue();
    }

    /** Neither has printed an outage: no {@code "error"} frame from {@code status --continuous}, no line on either's stderr. */
    void assertNoErrorPrinted() {
        assertThat(continuous.stdout()).as(continuous::describe).doesNotContain("\"error\"");
        assertThat(continuous.stderr()).as(continuous::describe).isBlank();
        assertThat(watch.stderr()).as(watch::describe).isBlank();
    }

    /** SIGTERM to both: {@code status --continuous} exits 143 as the JVM does, {@code watch} 0. */
    void stop() {
        continuous.terminate();
        watch.terminate();
        assertThat(continuous.awaitExit(STOPPED)).as("status --continuous ends on SIGTERM as the JVM does").isEqualTo(143);
        assertThat(watch.awaitExit(STOPPED)).isZero();
    }
}
