package io.wmon.mbeans;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.management.DescriptorKey;

/**
 * The unit of a numeric MXBean attribute, published as the JMX descriptor field {@code units}
 * (through {@link DescriptorKey}, so the JMX runtime adds it to the attribute's descriptor), e.g.
 * {@code milliseconds}, {@code bytes}, {@code connections}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Units {

    /** Milliseconds: a duration, or a time as epoch milliseconds. */
    String MILLISECONDS = "milliseconds";
    /** Microseconds. */
    String MICROSECONDS = "microseconds";
    /** Bytes. */
    String BYTES = "bytes";
    /** A number of connections. */
    String CONNECTIONS = "connections";
    /** A number of sockets. */
    String SOCKETS = "sockets";
    /** A number of threads. */
    String THREADS = "threads";
    /** A percentage, 0..100. */
    String PERCENT = "percent";
    /** A number of things of the kind the attribute names (heartbeats, jobs, borrows, pools). */
    String COUNT = "count";

    @DescriptorKey("units")
    String value();
}
