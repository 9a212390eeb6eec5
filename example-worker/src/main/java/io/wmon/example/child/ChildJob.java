package io.wmon.example.child;

import io.wmon.api.WorkerStatus;
import java.util.function.Function;

/**
 * Loaded only through a child class loader by {@code ChildLoaderJob}: marks the worker busy and
 * tells which class loader served {@link WorkerStatus}.
 */
public final class ChildJob implements Function<String, String> {

    @Override
    public String apply(String jobId) {
        WorkerStatus.busy(jobId);
        ClassLoader loader = WorkerStatus.class.getClassLoader();
        return loader == null ? "bootstrap" : loader.toString();
    }
}
