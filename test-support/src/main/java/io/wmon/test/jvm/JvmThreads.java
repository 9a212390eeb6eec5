package io.wmon.test.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.management.MBeanServerConnection;

/** The live threads of a JVM, read through its {@code ThreadMXBean} over JMX. */
public final class JvmThreads {

    private JvmThreads() {
    }

    /** The names of every live thread of the JVM behind {@code jmx}, sorted. */
    public static List<String> names(MBeanServerConnection jmx) {
        try {
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                    .filter(Objects::nonNull)
                    .map(ThreadInfo::getThreadName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
