package io.wmon.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts worker JVMs for one test and kills every one of them after it, passed or failed.
 *
 * <pre>{@code
 * @RegisterExtension
 * final WorkerProcesses workers = new WorkerProcesses();
 * }</pre>
 *
 * <p>A JVM shutdown hook also kills whatever is left, should the test JVM itself be stopped.
 * Output lands in {@code target/it-workers/<test class>/<method>-<n>/<worker>/}.
 */
public final class WorkerProcesses implements BeforeEachCallback, AfterEachCallback {

    private static final Set<WorkerProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(WorkerProcess::kill), "it-worker-reaper"));
    }

    private final List<WorkerProcess> started = new ArrayList<>();
    private Path testDir = Artifacts.workDir().resolve("unnamed");

    @Override
    public void beforeEach(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName() + "-" + SEQUENCE.incrementAndGet();
        testDir = Artifacts.workDir().resolve(context.getRequiredTestClass().getSimpleName()).resolve(method);
    }

    /** Starts a worker; {@code name} names its output folder. */
    public synchronized WorkerProcess start(String name, WorkerCommand command) {
        try {
            WorkerProcess worker = WorkerProcess.start(name, command, testDir.resolve(name));
            started.add(worker);
            LIVE.add(worker);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + name, e);
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        for (WorkerProcess worker : started) {
            try {
                worker.close();
            } finally {
                LIVE.remove(worker);
            }
        }
        started.clear();
    }
}
