package io.wmon.test.jvm;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts child processes for tests and closes every one of them (killing it and whatever it
 * started) when the test that started it ends, passed or failed.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChildProcesses processes = new ChildProcesses();          // per test
 *
 * @RegisterExtension
 * static final ChildProcesses PROCESSES = new ChildProcesses();   // also from @BeforeAll, closed after the class
 * }</pre>
 *
 * <p>A process started by a test is closed after that test; one started in {@code @BeforeAll}
 * (static registration only) after the class. Output lands in
 * {@code <wmon.test.output>/<test class>/<method>-<n>/<name>/} ({@code target/test-processes} by default).
 */
public final class ChildProcesses implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** The system property naming the folder for the processes' output. */
    public static final String OUTPUT_PROPERTY = "wmon.test.output";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Open scopes, innermost first: the class (and its {@code @Nested} classes), then the running test. */
    private final Deque<Scope> scopes = new ArrayDeque<>();

    /** The root folder for every process's output. */
    public static Path outputRoot() {
        return Path.of(System.getProperty(OUTPUT_PROPERTY, "target/test-processes")).toAbsolutePath();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        scopes.push(new Scope(classDir(context).resolve("class-" + SEQUENCE.incrementAndGet())));
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName() + "-" + SEQUENCE.incrementAndGet();
        scopes.push(new Scope(classDir(context).resolve(method)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts {@code command}; {@code name} names its output folder. Closed when the current scope ends. */
    public synchronized ChildProcess start(String name, ProcessCommand command) {
        Scope scope = scopes.peek();
        if (scope == null) {
            throw new IllegalStateException("ChildProcesses starts processes inside a test, or in @BeforeAll "
                    + "when registered with @RegisterExtension on a static field");
        }
        ChildProcess process = ChildProcess.start(name, command, uniqueDir(scope, name));
        scope.processes.add(process);
        return process;
    }

    /** Starts a JVM with stdin a pipe and stdout and stderr in files. */
    public ChildProcess start(String name, JvmCommand command) {
        return start(name, command.toCommand());
    }

    /** Closes the innermost scope's processes, the latest first; fails with the first failure after trying all. */
    private void close() {
        Scope scope;
        synchronized (this) {
            scope = scopes.poll();
        }
        if (scope == null) {
            return;
        }
        RuntimeException failure = null;
        for (int i = scope.processes.size() - 1; i >= 0; i--) {
            try {
                scope.processes.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Path classDir(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        String packageName = testClass.getPackageName();
        String name = packageName.isEmpty() ? testClass.getName() : testClass.getName().substring(packageName.length() + 1);
        return outputRoot().resolve(name);
    }

    private static Path uniqueDir(Scope scope, String name) {
        long same = scope.processes.stream().filter(process -> process.name().equals(name)).count();
        return scope.dir.resolve(same == 0 ? name : name + "-" + (same + 1));
    }

    /** The processes started while one class or one test ran, and where their output goes. */
    private static final class Scope {
        private final Path dir;
        private final List<ChildProcess> processes = new ArrayList<>();

        private Scope(Path dir) {
            this.dir = dir;
        }
    }
}
