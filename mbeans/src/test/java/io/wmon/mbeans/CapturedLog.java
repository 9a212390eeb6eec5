package io.wmon.mbeans;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/** Captures the warnings one class logs (SLF4J goes to java.util.logging in these tests). */
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean useParentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.useParentHandlers = logger.getUseParentHandlers();
        // The expected warnings are asserted here; printing them too would bury real failures.
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    static CapturedLog of(Class<?> loggingClass) {
        return new CapturedLog(Logger.getLogger(loggingClass.getName()));
    }

    /** The formatted warning lines, in order. */
    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> new SimpleFormatter().formatMessage(r)).collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(useParentHandlers);
    }
}
