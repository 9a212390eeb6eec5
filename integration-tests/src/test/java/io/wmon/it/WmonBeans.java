package io.wmon.it;

import io.wmon.mbeans.ObjectNames;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * One reading of every {@code io.wmon} bean of a worker JVM over JMX: the attributes the Datadog
 * configuration collects (one {@code getAttributes} per bean, so a bean's values agree) and the
 * Fleet bean's {@code Workers} rows. Two equal readings mean that nothing JMXFetch reads changed
 * between them.
 *
 * @param beans each bean's attributes by name, the beans sorted by ObjectName
 * @param fleetRows the {@code Workers} table's rows by worker id (empty without a Fleet bean)
 */
record WmonBeans(Map<ObjectName, Map<String, Object>> beans, Map<String, Map<String, Object>> fleetRows) {

    /** The kinds of wmon bean, told apart by their ObjectName's keys. */
    enum Kind {
        WORKER, POOL, NODE, BREAKER, FLEET;

        static Kind of(ObjectName name) {
            return switch (name.getKeyProperty("type")) {
                case ObjectNames.TYPE_WORKER -> WORKER;
                case ObjectNames.TYPE_REDIS_POOL -> name.getKeyProperty("node") == null ? POOL : NODE;
                case ObjectNames.TYPE_CIRCUIT_BREAKER -> BREAKER;
                case ObjectNames.TYPE_FLEET -> FLEET;
                default -> throw new IllegalArgumentException("not a wmon bean: " + name);
            };
        }
    }

    static WmonBeans read(MBeanServerConnection jmx) throws IOException, JMException {
        Map<ObjectName, Map<String, Object>> beans = new TreeMap<>();
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (ObjectName name : new TreeSet<>(jmx.queryNames(ObjectNames.ALL, null))) {
            Kind kind = Kind.of(name);
            List<String> wanted = DatadogSeries.attributes(kind);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Attribute a : jmx.getAttributes(name, wanted.toArray(String[]::new)).asList()) {
                values.put(a.getName(), a.getValue());
            }
            if (!values.keySet().containsAll(wanted)) {
                throw new IllegalStateException(name + " lacks attributes the configuration reads: " + wanted + " vs "
                        + values.keySet());
            }
            beans.put(name, values);
            if (kind == Kind.FLEET) {
                TabularData table = (TabularData) jmx.getAttribute(name, "Workers");
                for (Object row : table.values()) {
                    CompositeData data = (CompositeData) row;
                    Map<String, Object> columns = new TreeMap<>();
                    data.getCompositeType().keySet().forEach(key -> columns.put(key, data.get(key)));
                    rows.put((String) data.get("id"), columns);
                }
            }
        }
        return new WmonBeans(beans, rows);
    }

    Set<ObjectName> names() {
        return beans.keySet();
    }

    List<ObjectName> ofKind(Kind kind) {
        return beans.keySet().stream().filter(name -> Kind.of(name) == kind).toList();
    }

    Object value(ObjectName bean, String attribute) {
        return beans.get(bean).get(attribute);
    }

    /** The Fleet bean (there is at most one: the agent's namespace). */
    ObjectName fleet() {
        List<ObjectName> fleets = ofKind(Kind.FLEET);
        if (fleets.size() != 1) {
            throw new IllegalStateException("expected one Fleet bean, found " + fleets);
        }
        return fleets.get(0);
    }

    Set<String> fleetRowIds() {
        return fleetRows.keySet();
    }

    Object fleetRow(String id, String column) {
        return fleetRows.get(id).get(column);
    }

    /** A key's value with the quotes ObjectName needed taken off: what the configuration's patterns capture. */
    static String property(ObjectName name, String key) {
        String value = name.getKeyProperty(key);
        return value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }
}
