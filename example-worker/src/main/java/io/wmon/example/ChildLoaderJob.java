package io.wmon.example;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;

/**
 * Reports a job from a class loaded by a child class loader, as a web container or a plugin
 * system would.
 *
 * <p>The loader reads this worker's own jar but its parent is the platform class loader, so the
 * application class loader's copy of {@code io.wmon.api} is out of reach: the child's
 * {@code WorkerStatus} reaches the agent only when the agent put {@code io.wmon.api} on the bootstrap
 * class path (otherwise the child defines its own, unconnected copy from the jar).
 */
final class ChildLoaderJob {

    private static final String CHILD_CLASS = "io.wmon.example.child.ChildJob";

    private ChildLoaderJob() {
    }

    /**
     * Calls {@code WorkerStatus.busy(jobId)} from a new child loader.
     *
     * @return which loader defined the {@code WorkerStatus} the child reached, e.g. {@code bootstrap}
     */
    static String busy(String jobId) throws ReflectiveOperationException, IOException {
        URL ownJar = ExampleWorker.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader child = new URLClassLoader(new URL[] {ownJar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(CHILD_CLASS, true, child);
            @SuppressWarnings("unchecked")
            Function<String, String> job = (Function<String, String>) type.getDeclaredConstructor().newInstance();
            return job.apply(jobId);
        }
    }
}
