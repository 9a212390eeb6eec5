package io.wmon.cli.command.demo;

import io.wmon.cli.shell.RedisSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Everything one demo run started, stopped exactly once: by the run itself when it ends, or by the
 * shutdown hook on Ctrl-C, whichever comes first.
 *
 * <p>Starting and stopping hold the same lock, so a Ctrl-C during start-up waits until the
 * process being started exists, then stops it too: nothing is left running. Resources are
 * released in reverse order: the workers (they write their final state to Redis), the CLI's own
 * connection, the Redis the demo started, the log folder.
 */
final class DemoRun implements AutoCloseable {

    private final PrintWriter err;
    private final Path logDir;
    private final Thread hook;
    private StartedRedis redis;
    private RedisSession session;
    private DemoWorkers workers;
    private boolean keepLogs;
    private boolean closed;

    private DemoRun(PrintWriter err, Path logDir) {
        this.err = err;
        this.logDir = logDir;
        this.hook = new Thread(this::close, "wmon-demo-stop");
    }

    /** A run with a fresh log folder and its shutdown hook installed. */
    static DemoRun begin(PrintWriter err) {
        try {
            DemoRun run = new DemoRun(err, Files.createTempDirectory("wmon-demo-"));
            Runtime.getRuntime().addShutdownHook(run.hook);
            return run;
        } catch (IOException e) {
            throw new DemoFailure("cannot create a folder for the worker logs: " + e.getMessage(), e);
        }
    }

    Path logDir() {
        return logDir;
    }

    /** Starts the demo's own Redis, unless the run is stopping already. */
    synchronized StartedRedis startRedis(Supplier<StartedRedis> starter) {
        checkOpen();
        redis = starter.get();
        return redis;
    }

    /** Takes ownership of the CLI's Redis session, to close it with the rest; returns it. */
    synchronized RedisSession own(RedisSession opened) {
        if (closed) {
            opened.close();
            checkOpen();
        }
        session = opened;
        return opened;
    }

    /** Starts the workers, unless the run is stopping already. */
    synchronized DemoWorkers startWorkers(WorkerLaunch launch, int count) {
        checkOpen();
        workers = new DemoWorkers(logDir);
        workers.start(launch, count);
        return workers;
    }

    /** Keeps the worker logs after the run, for a failure the user should look into. */
    synchronized void keepLogs() {
        keepLogs = true;
    }

    /** Stops everything started; safe to call twice and from the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (workers != null) {
            workers.close();
        }
        if (session != null) {
            session.close();
        }
        if (redis != null) {
            redis.close();
        }
        boolean logsKept = keepLogs && workers != null;
        if (!logsKept) {
            deleteLogs();
        }
        if (workers != null || redis != null) {
            err.println("wmon demo: stopped" + (workers == null ? "" : " " + workers.pids().size() + " workers")
                    + (redis == null ? "" : (workers == null ? "" : " and") + " the Redis it started")
                    + (logsKept ? "; worker logs kept in " + logDir : ""));
            err.flush();
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and runs the hook, which finds the run closed.
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new DemoFailure("stopped while starting");
        }
    }

    private void deleteLogs() {
        try (var files = Files.list(logDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(logDir);
        } catch (IOException e) {
            logDir.toFile().deleteOnExit();
        }
    }
}
