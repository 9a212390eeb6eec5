package io.wmon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jmx.JmxTelemetry;
import io.opentelemetry.instrumentation.jmx.internal.engine.MetricInfo;
import io.opentelemetry.instrumentation.jmx.internal.yaml.JmxConfig;
import io.opentelemetry.instrumentation.jmx.internal.yaml.JmxRule;
import io.opentelemetry.instrumentation.jmx.internal.yaml.Metric;
import io.opentelemetry.instrumentation.jmx.internal.yaml.RuleParser;
import io.opentelemetry.instrumentation.jmx.internal.yaml.StateMapping;
import io.wmon.it.OtelSeries.Instrument;
import io.wmon.mbeans.CircuitBreakerMXBean;
import io.wmon.mbeans.FleetMXBean;
import io.wmon.mbeans.ObjectNames;
import io.wmon.mbeans.RedisPoolMXBean;
import io.wmon.mbeans.WorkerMXBean;
import io.wmon.test.worker.AgentArgs;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/apm/otel-jmx.yaml} read by the rule format's own parser, the library form of the
 * OpenTelemetry agent's JMX Insight ({@code opentelemetry-jmx-metrics}): it loads through the public
 * {@code JmxTelemetryBuilder.addRules}, and its rules define exactly the metrics of {@link OtelSeries}.
 *
 * <p>The rule classes read here ({@code io.opentelemetry.instrumentation.jmx.internal.yaml}) are internal,
 * "unstable and can change at any time", and already differ between this library release and the agent's
 * shaded copy (2.33.1 renamed {@code addMetricDefsTo} and made {@code getBeans} a collection). What the
 * agent exports is proven by {@link OtelJmxIT}; this test catches a wrong file without starting a JVM,
 * including what the agent skips without an error: an attribute the bean lacks or that holds no number,
 * a unit conversion it does not know.
 */
class OtelJmxRulesTest {

    private static final String CONFIG_PROPERTY = "opentelemetry.jmx.config";
    /** The conversions the rule format has, source unit to factor; each converts to seconds. */
    private static final Map<String, Double> TO_SECONDS = Map.of("ms", 1e-3, "us", 1e-6, "ns", 1e-9);
    private static final Pattern FUNCTION = Pattern.compile("(const|param|beanattr)\\((.*)\\)");
    /** The bean interface behind each {@code type} of {@link ObjectNames}. */
    private static final Map<String, Class<?>> INTERFACES = Map.of(ObjectNames.TYPE_WORKER, WorkerMXBean.class,
            ObjectNames.TYPE_REDIS_POOL, RedisPoolMXBean.class, ObjectNames.TYPE_CIRCUIT_BREAKER,
            CircuitBreakerMXBean.class, ObjectNames.TYPE_FLEET, FleetMXBean.class);

    private static Path file;
    private static List<JmxRule> rules;
    /** A worker's series with the fleet view and a per-node pool bean, so that every rule is checked. */
    private static final List<OtelSeries> SERIES = OtelSeries.all(AgentArgs.of("redis://unused:6379", "rules-test"),
            true, List.of("127.0.0.1:7000"));

    @BeforeAll
    static void parse() throws Exception {
        file = ApmFiles.existing(CONFIG_PROPERTY);
        try (InputStream in = Files.newInputStream(file)) {
            JmxConfig config = RuleParser.get().loadConfig(in);
            rules = config.getRules();
        }
    }

    @Test
    void theLoaderTheAgentCallsAcceptsTheFile() {
        assertThatCode(() -> JmxTelemetry.builder(OpenTelemetry.noop()).addRules(file).build()).doesNotThrowAnyException();
    }

    @Test
    void everyRuleBuildsItsMetricDefinitions() {
        for (JmxRule rule : rules) {
            assertThatCode(rule::buildMetricDef).as("rule for %s", rule.getBeans()).doesNotThrowAnyException();
        }
    }

    /** One rule per bean: a pattern that also matched another bean (the total and its nodes) would report it twice. */
    @Test
    void eachBeanIsMatchedByExactlyOneRule() throws Exception {
        for (ObjectName bean : SERIES.stream().map(OtelSeries::bean).distinct().toList()) {
            assertThat(rulesFor(bean)).as("rules matching %s", bean).hasSize(1);
        }
        assertThat(rules).as("rules").hasSize((int) SERIES.stream().map(OtelSeries::bean).distinct().count());
    }

    @Test
    void theRulesDefineExactlyTheDocumentedSeries() throws Exception {
        Set<String> used = new HashSet<>();
        for (OtelSeries series : SERIES) {
            JmxRule rule = rulesFor(series.bean()).get(0);
            String what = series.metric() + series.attributes() + " from " + series.bean() + " " + series.attribute();
            assertThat(rule.getMapping()).as(what).containsKey(series.attribute());
            used.add(rule.getBeans() + " " + series.attribute());
            Metric metric = Objects.requireNonNull(rule.getMapping().get(series.attribute()), what);

            assertThat(metric.getMetric()).as(what).isEqualTo(series.metric());
            assertThat(rule.getPrefix()).as("prefix of %s", rule.getBeans()).isNull();
            assertThat(instrument(rule, metric)).as(what).isEqualTo(series.instrument());
            assertThat(Boolean.TRUE.equals(orElse(metric.getDropNegativeValues(), rule.getDropNegativeValues())))
                    .as("dropNegativeValues of %s", what).isEqualTo(series.dropNegative());
            if (series.instrument() == Instrument.STATE) {
                assertState(rule, metric, series, what);
            } else {
                assertUnit(rule, metric, series, what);
            }
            Map<String, Object> attributes = new HashMap<>(orElse(rule.getMetricAttribute(), Map.of()));
            attributes.putAll(orElse(metric.getMetricAttribute(), Map.of()));
            assertThat(attributes.keySet()).as("attributes of %s", what).isEqualTo(series.attributes().keySet());
            attributes.forEach((key, expression) -> {
                if (expression instanceof String text) {
                    assertAttributeValue(key, text, series, what);
                }
            });
        }
        List<String> mapped = new ArrayList<>();
        rules.forEach(rule -> rule.getMapping().keySet().forEach(attribute -> mapped.add(rule.getBeans() + " " + attribute)));
        assertThat(used).as("mappings the documented series use").containsExactlyInAnyOrderElementsOf(mapped);
    }

    /**
     * The agent skips an attribute the bean lacks without a word, and one whose value is no number with
     * an INFO line only (measured with agent 2.33.1).
     */
    @Test
    void everyMappedAttributeExistsOnItsBeanWithAType() throws Exception {
        for (OtelSeries series : SERIES) {
            Class<?> type = INTERFACES.get(series.bean().getKeyProperty("type"));
            Method getter = getter(type, series.attribute());
            assertThat(getter).as("%s has attribute %s", type.getSimpleName(), series.attribute()).isNotNull();
            Class<?> value = getter.getReturnType();
            if (series.instrument() == Instrument.STATE) {
                assertThat(value).as("%s.%s, read as text by a state rule", type.getSimpleName(), series.attribute())
                        .isIn(String.class, boolean.class);
            } else {
                assertThat(value).as("%s.%s, a number", type.getSimpleName(), series.attribute()).isIn(int.class,
                        long.class);
            }
        }
    }

    /** Without a desc of its own a metric takes the bean attribute's description, whose unit may not be the metric's. */
    @Test
    void everyMappingHasItsOwnDescription() {
        for (JmxRule rule : rules) {
            rule.getMapping().forEach((attribute, metric) -> assertThat(metric == null ? null : metric.getDesc())
                    .as("desc of %s %s", rule.getBeans(), attribute).isNotBlank());
        }
    }

    private static void assertState(JmxRule rule, Metric metric, OtelSeries series, String what) {
        StateMapping mapping = metric.getStateMapping();
        assertThat(mapping.isEmpty()).as("state mapping of %s", what).isFalse();
        String key = series.attributes().entrySet().stream()
                .filter(e -> mapping.getStateKeys().contains(e.getValue()) && isStateAttribute(metric, e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        assertThat(key).as("the state of %s", what).isNotNull();
        if (series.state().equals(OtelSeries.OTHERWISE)) {
            assertThat(mapping.getDefaultStateKey()).as("the '*' state of %s", what).isEqualTo(key);
        } else {
            assertThat(mapping.getStateValue(series.state())).as("the state %s maps to", series.state()).isEqualTo(key);
        }
        assertThat(metric.getUnit()).as("a state metric's unit is the engine's own (1)").isNull();
    }

    private static boolean isStateAttribute(Metric metric, String key) {
        return metric.getMetricAttribute() != null && metric.getMetricAttribute().get(key) instanceof Map;
    }

    private static void assertUnit(JmxRule rule, Metric metric, OtelSeries series, String what) {
        String unit = orElse(metric.getUnit(), rule.getUnit());
        String source = orElse(metric.getSourceUnit(), rule.getSourceUnit());
        assertThat(unit).as("unit of %s", what).isEqualTo(series.unit());
        if (series.factor() == 1) {
            assertThat(source).as("sourceUnit of %s", what).isNull();
        } else {
            // Measured with agent 2.33.1: an unknown conversion drops the metric and logs nothing.
            assertThat(unit).as("a conversion the format has ends in seconds").isEqualTo("s");
            assertThat(TO_SECONDS.get(source)).as("factor of sourceUnit %s of %s", source, what)
                    .isEqualTo(series.factor());
        }
    }

    /** A constant or an ObjectName key: the value the series documents; a bean attribute: read only by OtelJmxIT. */
    private static void assertAttributeValue(String key, String expression, OtelSeries series, String what) {
        Matcher function = FUNCTION.matcher(expression.trim());
        assertThat(function.matches()).as("%s: %s of %s", key, expression, what).isTrue();
        String argument = function.group(2).trim();
        switch (function.group(1)) {
            case "const" -> assertThat(argument).as("%s of %s", key, what).isEqualTo(series.attributes().get(key));
            case "param" -> assertThat(series.bean().getKeyProperty(argument)).as("%s of %s", key, what)
                    .isEqualTo(series.attributes().get(key));
            default -> assertThat(getter(INTERFACES.get(series.bean().getKeyProperty("type")), argument))
                    .as("%s reads attribute %s of %s", key, argument, series.bean()).isNotNull();
        }
    }

    private static Instrument instrument(JmxRule rule, Metric metric) {
        MetricInfo.Type type = orElse(metric.getMetricType(), rule.getMetricType());
        return Instrument.valueOf(type == null ? "GAUGE" : type.name()); // the format's default type is gauge
    }

    private static List<JmxRule> rulesFor(ObjectName bean) throws Exception {
        List<JmxRule> matching = new ArrayList<>();
        for (JmxRule rule : rules) {
            for (String pattern : rule.getBeans()) {
                if (new ObjectName(pattern).apply(bean)) {
                    matching.add(rule);
                    break;
                }
            }
        }
        return matching;
    }

    /** The MBean attribute's getter ({@code getX} or, for a boolean, {@code isX}), or null. */
    private static Method getter(Class<?> type, String attribute) {
        for (String prefix : List.of("get", "is")) {
            try {
                return type.getMethod(prefix + attribute);
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static <T> T orElse(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
