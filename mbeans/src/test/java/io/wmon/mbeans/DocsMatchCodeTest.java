package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/mbeans.md is the contract APM users copy from; it must list exactly what the code exposes. */
class DocsMatchCodeTest {

    private static final Path DOC = Path.of("..", "docs", "mbeans.md");
    private static final Pattern ATTRIBUTE_ROW = Pattern.compile("^\\| `(\\w+)` \\| `(\\w+)` \\|");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    /** The lines of the {@code ## } section whose heading contains {@code marker}. */
    private static List<String> section(String marker) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : doc().split("\n")) {
            if (line.startsWith("## ")) {
                inside = line.contains(marker);
            } else if (inside) {
                lines.add(line);
            }
        }
        assertThat(lines).as("a section headed with " + marker).isNotEmpty();
        return lines;
    }

    private static String headingOf(String marker) throws IOException {
        return doc().lines().filter(l -> l.startsWith("## ") && l.contains(marker)).findFirst().orElseThrow();
    }

    /**
     * Each attribute row reads {@code | `Name` | `type` | units | description |}, with the units and
     * description of the interface's {@link Units} and {@link Description} annotations: JConsole and
     * the docs show the same text.
     */
    @ParameterizedTest
    @ValueSource(classes = {WorkerMXBean.class, RedisPoolMXBean.class, CircuitBreakerMXBean.class, FleetMXBean.class})
    void everyAttributeIsDocumentedWithTheCodesTypeUnitsAndDescriptionAndNothingElse(Class<?> mxbean)
            throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : section("(`" + mxbean.getSimpleName() + "`)")) {
            Matcher m = ATTRIBUTE_ROW.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), line);
            }
        }
        Map<String, String> inCode = new TreeMap<>();
        for (Method getter : mxbean.getMethods()) {
            Units units = getter.getAnnotation(Units.class);
            Description description = getter.getAnnotation(Description.class);
            assertThat(description).as(getter.getName() + " has a @Description").isNotNull();
            String name = MXBeanReadBack.attributeName(getter);
            inCode.put(name, "| `" + name + "` | `" + getter.getReturnType().getSimpleName() + "` | "
                    + (units == null ? "—" : units.value()) + " | " + description.value() + " |");
        }
        assertThat(documented).isEqualTo(inCode);
    }

    @Test
    void everyNotificationIsDocumentedWithItsDescription() throws Exception {
        List<String> notifications = section("Notifications");
        for (Field f : NotificationTypes.class.getFields()) {
            if (f.getType() == String.class) {
                String type = (String) f.get(null);
                assertThat(notifications).as(type).anyMatch(l -> l.startsWith("| `" + type + "` |")
                        && l.contains("| " + NotificationTypes.description(type) + " |"));
            }
        }
    }

    @Test
    void sectionHeadingsNameTheObjectNames() throws IOException {
        assertThat(headingOf("(`WorkerMXBean`)")).contains("`" + ObjectNames.worker() + "`");
        assertThat(headingOf("(`RedisPoolMXBean`)")).contains("`" + ObjectNames.redisPool("<pool>") + "`");
        assertThat(headingOf("(`CircuitBreakerMXBean`)")).contains("`" + ObjectNames.circuitBreaker("redis") + "`");
        assertThat(headingOf("(`FleetMXBean`)")).contains("`" + ObjectNames.fleet("<NS>") + "`");
    }

    @Test
    void theNameTableListsEveryObjectName() throws IOException {
        List<String> names = section("ObjectNames");
        for (Object name : List.of(ObjectNames.worker(), ObjectNames.redisPool("<pool>"),
                ObjectNames.circuitBreaker("redis"), ObjectNames.fleet("<NS>"), ObjectNames.ALL)) {
            assertThat(names).as(name.toString()).anyMatch(l -> l.startsWith("| `" + name + "` |"));
        }
    }

    @Test
    void everyNotificationTypeIsDocumented() throws Exception {
        List<String> notifications = section("Notifications");
        List<String> types = new ArrayList<>();
        for (Field f : NotificationTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                types.add((String) f.get(null));
            }
        }
        assertThat(types).hasSize(6);
        for (String type : types) {
            assertThat(notifications).as(type).anyMatch(l -> l.startsWith("| `" + type + "` |"));
        }
    }

    @Test
    void notificationUserDataItemsAreDocumentedWithTheirTypes() throws IOException {
        assertUserDataDocumented(NotificationTypes.WORKER_STATE, WorkerMBean.STATE_CHANGE_TYPE);
        assertUserDataDocumented(NotificationTypes.CONNECTIONS_LEAK, WorkerMBean.LEAK_TYPE);
        assertUserDataDocumented(NotificationTypes.POOL_EXHAUSTED, RedisPoolMBean.EXHAUSTED_TYPE);
        assertUserDataDocumented(NotificationTypes.BREAKER_OPEN, CircuitBreakerMBean.OPENED_TYPE);
        assertUserDataDocumented(NotificationTypes.BREAKER_CLOSED, CircuitBreakerMBean.CLOSED_TYPE);
        assertUserDataDocumented(NotificationTypes.FLEET_STALE, FleetMBean.STALE_TYPE);
    }

    private static void assertUserDataDocumented(String notificationType, CompositeType userData) throws IOException {
        String row = section("Notifications").stream().filter(l -> l.startsWith("| `" + notificationType + "` |"))
                .findFirst().orElseThrow();
        assertThat(row).contains("`" + userData.getTypeName() + "`");
        for (String item : userData.keySet()) {
            assertThat(row).contains("`" + item + "` (" + javaName(userData.getType(item)));
        }
    }

    private static String javaName(OpenType<?> type) {
        if (type.equals(SimpleType.INTEGER)) {
            return "int";
        }
        if (type.equals(SimpleType.LONG)) {
            return "long";
        }
        return type.equals(SimpleType.STRING) ? "String" : type.getClassName();
    }
}
