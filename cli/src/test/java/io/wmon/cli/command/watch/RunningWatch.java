package io.wmon.cli.command.watch;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wmon.cli.Cli;
import io.wmon.cli.CliResult;
import io.wmon.cli.fleetview.StopSignal;
import io.wmon.test.RedisProbe;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@code wmon watch} running in-process on a thread of its own until the test stops it. */
final class RunningWatch implements AutoCloseable {

    private final StopSignal stop = new StopSignal();
    private final StringWriter out;
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<CliResult> run;

    private RunningWatch(StringWriter out, String... args) {
        this.out = out;
        this.run = CompletableFuture.supplyAsync(() -> Cli.run(commandLine ->
                ((WatchCommand) commandLine.getSubcommands().get("watch").getCommand()).stopOn(stop), out, err, args));
    }

    /** Starts {@code wmon ARGS} and returns once its loop is reading the stream (its connection ran XREAD). */
    static RunningWatch start(RedisProbe probe, String... args) {
        return start(probe, new StringWriter(), args);
    }

    /** As {@link #start(RedisProbe, String...)}, printing into {@code out}. */
    static RunningWatch start(RedisProbe probe, StringWriter out, String... args) {
        RunningWatch watch = new RunningWatch(out, args);
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.run.isDone() || probe.clients().stream()
                .anyMatch(c -> c.name().startsWith("wmon:cli:") && c.cmd().startsWith("xread")));
        return watch;
    }

    String out() {
        return out.toString();
    }

    /** Stderr's non-empty lines so far. */
    List<String> errLines() {
        return err.toString().lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    }

    List<String> lines() {
        return out().lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    }

    List<JsonNode> json() {
        return lines().stream().map(CliResult::parse).collect(Collectors.toList());
    }

    /** Waits until {@code count} lines are out. */
    RunningWatch awaitLines(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> run.isDone() || lines().size() >= count);
        return this;
    }

    boolean isDone() {
        return run.isDone();
    }

    /** Stops the loop and returns what the run returned. */
    CliResult stop() {
        stop.request();
        try {
            return run.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("watch did not stop within 10 s", e);
        }
    }

    @Override
    public void close() {
        if (!run.isDone()) {
            stop();
        }
    }
}
