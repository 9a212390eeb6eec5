package io.wmon.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the meters of one bean: each reads one of its attributes lazily, and only attributes
 * the bean declares are bound (an older agent lacks some). The meters hold the MBeanServer as their
 * state object: Micrometer keeps that reference weakly, and the platform server lives as long as
 * the JVM, so a binder nobody keeps still reports. Gauges carry no base unit, so that registries
 * which append it to the name (Prometheus) keep the OpenTelemetry names; time gauges are in the
 * registry's base time unit.
 */
final class MeterTarget {

    private final MBeanServer server;
    private final MeterRegistry registry;
    private final ObjectName bean;
    private final Set<String> attributes;
    private final Tags tags;

    MeterTarget(MBeanServer server, MeterRegistry registry, ObjectName bean, Set<String> attributes, Tags tags) {
        this.server = server;
        this.registry = registry;
        this.bean = bean;
        this.attributes = attributes;
        this.tags = tags;
    }

    void counter(String name, String attribute, String description, Tags more) {
        if (attributes.contains(attribute)) {
            AttributeReading reading = new AttributeReading(bean, attribute);
            FunctionCounter.builder(name, server, reading::read)
                    .tags(tags.and(more)).description(description + " (" + attribute + ")").register(registry);
        }
    }

    void gauge(String name, String attribute, String description, Tags more) {
        if (attributes.contains(attribute)) {
            AttributeReading reading = new AttributeReading(bean, attribute);
            Gauge.builder(name, server, reading::read)
                    .tags(tags.and(more)).description(description + " (" + attribute + ")")
                    .register(registry);
        }
    }

    void timeGauge(String name, String attribute, TimeUnit unit, String description) {
        if (attributes.contains(attribute)) {
            AttributeReading reading = new AttributeReading(bean, attribute);
            TimeGauge.builder(name, server, unit, reading::read)
                    .tags(tags).description(description + " (" + attribute + ")").register(registry);
        }
    }

    /** A gauge that is 1 while the text attribute equals {@code value}, else 0. */
    void stateGauge(String name, String attribute, String tagKey, String value, String description) {
        if (attributes.contains(attribute)) {
            AttributeReading reading = new AttributeReading(bean, attribute);
            Gauge.builder(name, server, s -> reading.matches(s, value))
                    .tags(tags.and(tagKey, value)).description(description + " (" + attribute + ")")
                    .register(registry);
        }
    }
}
