package io.wmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.it.DatadogSeries.Instance;
import io.wmon.it.DatadogSeries.Key;
import io.wmon.it.JmxFetch.Collection;
import io.wmon.it.JmxFetch.Sample;
import io.wmon.test.FreePorts;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import org.yaml.snakeyaml.Yaml;

/**
 * The steps the Datadog tests share: the worker's JMX port, the check's instance, the windows in
 * which JMXFetch collects while the beans hold still, and the comparison of each collection with
 * what {@link DatadogSeries} expects of the beans read around it.
 */
final class DatadogCheck {

    /** Beats only when the test changes the worker's state (and then once, within a second). */
    static final String QUIET_INTERVAL = "60s";
    /** Longer than the agent's one second between two early beats: a reading that held this long holds. */
    private static final Duration SETTLE_GAP = Duration.ofMillis(1200);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

    private DatadogCheck() {
    }

    /** Collections of JMXFetch that fell between two equal readings of the beans, and that reading. */
    record Window(WmonBeans beans, List<Collection> collections) {
    }

    /** The worker's JMX connector on a port of loopback, without authentication, as the YAML's header shows. */
    static String[] jmxPort(int port) {
        return new String[] {"-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=" + FreePorts.LOOPBACK, "-Djava.rmi.server.hostname=" + FreePorts.LOOPBACK,
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"};
    }

    /** The instance of the check for a worker: its id and namespace as tags, the file's value mappings. */
    static Instance instance(String namespace, String workerId) {
        return new Instance("wmon-" + workerId, namespace, workerId, valueMappings());
    }

    /** The instances section of the check: this worker's JMX port, the documented instance's keys. */
    static String instances(int port, Instance instance) {
        return String.join("\n", "instances:", "  - host: " + FreePorts.LOOPBACK, "    port: " + port,
                "    name: " + instance.name(), "    tags:", "      wmon_namespace: " + instance.namespace(),
                "      wmon_worker_id: " + instance.workerId(), "    refresh_beans: 60", "");
    }

    /** A reading equal to the one taken {@link #SETTLE_GAP} before it. */
    static WmonBeans settled(MBeanServerConnection jmx) throws Exception {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        WmonBeans last = WmonBeans.read(jmx);
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(SETTLE_GAP.toMillis());
            WmonBeans now = WmonBeans.read(jmx);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the worker's beans kept changing for " + SETTLE_TIMEOUT + ": " + last);
    }

    /** Lets JMXFetch collect (once, normally), and checks that the beans read {@code before} still hold. */
    static Window window(JmxFetch fetch, MBeanServerConnection jmx, WmonBeans before) throws Exception {
        List<Collection> collections = fetch.nextCollections();
        WmonBeans after = WmonBeans.read(jmx);
        assertThat(after).as("the beans did not change while JMXFetch collected %s", collections).isEqualTo(before);
        return new Window(before, collections);
    }

    /**
     * Every collection prints exactly the metrics {@link DatadogSeries} expects for its window's
     * reading (and the previous collection's, for counts), and nothing under JMXFetch's default names.
     *
     * @return each collection's wmon metrics, by collection number
     */
    static Map<Integer, Map<Key, Double>> assertEveryCollection(Instance instance, List<Window> windows) {
        Map<Integer, Map<Key, Double>> printed = new LinkedHashMap<>();
        WmonBeans previous = null;
        int number = 0;
        for (Window window : windows) {
            for (Collection collection : window.collections) {
                assertThat(collection.number).as("collections in order, from the first").isEqualTo(++number);
                Map<Key, Double> samples = wmonSamples(collection);
                assertThat(samples).as("%s: its metrics, tags and values", collection)
                        .containsExactlyInAnyOrderEntriesOf(DatadogSeries.expected(instance, window.beans, previous));
                assertThat(collection.samples).as("no attribute under JMXFetch's default name")
                        .noneMatch(s -> s.name().startsWith("jmx."));
                printed.put(collection.number, samples);
                previous = window.beans;
            }
        }
        return printed;
    }

    /** The one value of {@code metric} among {@code samples}. */
    static double value(Map<Key, Double> samples, String metric) {
        List<Double> values = samples.entrySet().stream().filter(e -> e.getKey().name().equals(metric))
                .map(Map.Entry::getValue).toList();
        assertThat(values).as(metric).hasSize(1);
        return values.get(0);
    }

    /** The configuration under test, parsed. */
    static Map<String, Object> config() {
        try (Reader reader = Files.newBufferedReader(JmxFetch.configFile())) {
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each {@code values:} mapping of the configuration under test, by the metric it feeds. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Number>> valueMappings() {
        Map<String, Map<String, Number>> codes = new HashMap<>();
        Map<String, Object> init = (Map<String, Object>) config().get("init_config");
        for (Map<String, Object> conf : (List<Map<String, Object>>) init.get("conf")) {
            Map<String, Object> include = (Map<String, Object>) conf.get("include");
            for (Object attribute : ((Map<String, Object>) include.get("attribute")).values()) {
                Map<String, Object> settings = (Map<String, Object>) attribute;
                if (settings.containsKey("values")) {
                    codes.put((String) settings.get("alias"), (Map<String, Number>) settings.get("values"));
                }
            }
        }
        return codes;
    }

    /** The samples of wmon's metrics, each printed once. */
    private static Map<Key, Double> wmonSamples(Collection collection) {
        Map<Key, Double> samples = new HashMap<>();
        for (Sample sample : collection.samples) {
            if (sample.name().startsWith("wmon.") || sample.name().startsWith("db.client.")) {
                Key key = new Key(sample.name(), new LinkedHashSet<>(sample.tags()));
                assertThat(samples.put(key, sample.value())).as("%s printed twice in %s", key, collection).isNull();
            }
        }
        return samples;
    }
}
