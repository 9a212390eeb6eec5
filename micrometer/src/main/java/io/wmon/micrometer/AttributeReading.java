package io.wmon.micrometer;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One numeric attribute of one wmon MBean, read afresh at every poll. The beans answer from memory
 * (they never touch Redis), so a poll costs one {@code MBeanServer.getAttribute} call.
 */
final class AttributeReading {

    private final ObjectName bean;
    private final String attribute;

    AttributeReading(ObjectName bean, String attribute) {
        this.bean = bean;
        this.attribute = attribute;
    }

    /**
     * The attribute as a double: a number as it is, a boolean as 1 or 0. {@code NaN} when the bean
     * is gone (the agent stopped), the attribute is not a number, or its value is negative (wmon
     * reports {@code -1} for a figure not known yet).
     */
    double read(MBeanServer server) {
        Object value;
        try {
            value = server.getAttribute(bean, attribute);
        } catch (JMException | RuntimeException e) {
            return Double.NaN;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? 1 : 0;
        }
        if (value instanceof Number) {
            double number = ((Number) value).doubleValue();
            return number < 0 ? Double.NaN : number;
        }
        return Double.NaN;
    }

    /** 1 while the (text) attribute equals {@code expected}, else 0; {@code NaN} when the bean is gone. */
    double matches(MBeanServer server, String expected) {
        Object value;
        try {
            value = server.getAttribute(bean, attribute);
        } catch (JMException | RuntimeException e) {
            return Double.NaN;
        }
        return expected.equals(value) ? 1 : 0;
    }

    /** The (text) attribute, or {@code null} when it cannot be read. */
    String text(MBeanServer server) {
        try {
            Object value = server.getAttribute(bean, attribute);
            return value == null ? null : value.toString();
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }
}
