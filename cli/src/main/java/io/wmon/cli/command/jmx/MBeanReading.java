package io.wmon.cli.command.jmx;

import java.util.Collections;
import java.util.SortedMap;
import javax.management.ObjectName;

/**
 * The attributes read from one MBean, sorted by name: their values (open types as the MBean server
 * returned them) and, separately, the attributes that could not be read with the reason.
 */
final class MBeanReading {

    private final ObjectName objectName;
    private final SortedMap<String, Object> values;
    private final SortedMap<String, String> errors;

    MBeanReading(ObjectName objectName, SortedMap<String, Object> values, SortedMap<String, String> errors) {
        this.objectName = objectName;
        this.values = Collections.unmodifiableSortedMap(values);
        this.errors = Collections.unmodifiableSortedMap(errors);
    }

    ObjectName objectName() {
        return objectName;
    }

    /** Attribute name to value; a value may be {@code null}. */
    SortedMap<String, Object> values() {
        return values;
    }

    /** Attribute name to the one-line reason it could not be read. */
    SortedMap<String, String> errors() {
        return errors;
    }
}
