package io.wmon.cli.command.jmx;

import io.wmon.cli.shell.TargetUnreachableException;
import io.wmon.mbeans.ObjectNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * Reads every {@code io.wmon:*} MBean of a connection, or only the selected attributes, sorted by
 * ObjectName and attribute name.
 *
 * <p>Each MBean costs one {@code getMBeanInfo} and one {@code getAttributes} round trip; an attribute
 * whose getter fails is read alone once more to record why. A bean that disappears while being
 * read (the agent stopping) is left out.
 */
final class MBeanReader {

    private final MBeanServerConnection server;
    private final String where;
    /** {@code TYPE:NAME} of every attribute the last read saw, for the message about a selector that matched none. */
    private final List<String> known = new ArrayList<>();

    /** @param where how messages name the target, e.g. {@code pid 123} */
    MBeanReader(MBeanServerConnection server, String where) {
        this.server = server;
        this.where = where;
    }

    /**
     * @param selectors the attributes to read; empty for all
     * @throws TargetUnreachableException when there are no wmon MBeans or the connection breaks
     * @see #unmatched
     */
    List<MBeanReading> read(List<AttributeSelector> selectors) {
        try {
            List<ObjectName> names = server.queryNames(ObjectNames.ALL, null).stream()
                    .sorted(Comparator.comparing(ObjectName::toString)).collect(Collectors.toList());
            if (names.isEmpty()) {
                throw new TargetUnreachableException("no io.wmon MBeans in " + where
                        + ": the wmon agent is not running there, or has not started yet");
            }
            List<MBeanReading> readings = new ArrayList<>();
            known.clear();
            for (ObjectName name : names) {
                MBeanReading reading = read(name, selectors);
                if (reading != null) {
                    readings.add(reading);
                }
            }
            return readings;
        } catch (IOException e) {
            throw new TargetUnreachableException("lost the JMX connection to " + where + ": "
                    + JmxFailures.firstLine(e), e);
        }
    }

    private MBeanReading read(ObjectName name, List<AttributeSelector> selectors)
            throws IOException {
        List<String> wanted = new ArrayList<>();
        try {
            for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
                known.add(name.getKeyProperty("type") + ":" + info.getName());
                if (info.isReadable() && isSelected(name, info.getName(), selectors)) {
                    wanted.add(info.getName());
                }
            }
            if (wanted.isEmpty()) {
                return null;
            }
            SortedMap<String, Object> values = new TreeMap<>();
            for (Attribute attribute : server.getAttributes(name, wanted.toArray(new String[0])).asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
            SortedMap<String, String> errors = new TreeMap<>();
            for (String attribute : wanted) {
                if (!values.containsKey(attribute)) {
                    readAlone(name, attribute, values, errors);
                }
            }
            return new MBeanReading(name, values, errors);
        } catch (InstanceNotFoundException gone) {
            return null;
        } catch (JMException e) {
            throw new TargetUnreachableException("cannot read " + name + " in " + where + ": "
                    + JmxFailures.firstLine(e), e);
        }
    }

    private void readAlone(ObjectName name, String attribute, SortedMap<String, Object> values,
            SortedMap<String, String> errors) throws IOException {
        try {
            values.put(attribute, server.getAttribute(name, attribute));
        } catch (JMException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            errors.put(attribute, JmxFailures.firstLine(cause));
        }
    }

    private static boolean isSelected(ObjectName name, String attribute, List<AttributeSelector> selectors) {
        return selectors.isEmpty() || selectors.stream().anyMatch(s -> s.selects(name, attribute));
    }

    /**
     * Why {@code readings} (from {@link #read}) do not answer {@code selectors}: the first selector that
     * matched no attribute of any wmon MBean, with examples of names that exist; empty when each matched.
     * The user asked for something the target does not have: a usage error.
     */
    Optional<String> unmatched(List<AttributeSelector> selectors, List<MBeanReading> readings) {
        for (AttributeSelector selector : selectors) {
            boolean matched = readings.stream().anyMatch(r -> r.values().keySet().stream()
                    .anyMatch(a -> selector.selects(r.objectName(), a))
                    || r.errors().keySet().stream().anyMatch(a -> selector.selects(r.objectName(), a)));
            if (!matched) {
                return Optional.of("no wmon MBean attribute matches '" + selector + "' in " + where
                        + " (attributes are TYPE:NAME, e.g. " + String.join(", ", known.subList(0,
                                Math.min(3, known.size()))) + ")");
            }
        }
        return Optional.empty();
    }
}
