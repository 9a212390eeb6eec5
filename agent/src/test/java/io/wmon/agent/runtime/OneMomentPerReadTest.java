package io.wmon.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wmon.agent.config.AgentOptions;
import io.wmon.api.WorkerStatus;
import io.wmon.mbeans.ObjectNames;
import io.wmon.test.RedisServerExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression: the Worker MBean built a new snapshot on every getter call, so a JMX client reading
 * all attributes at once saw as many moments as attributes, and state and job were read apart.
 * Here a remote client reads every attribute with {@code getAttributes} over a real RMI connector
 * while the worker runs 10,000 jobs through {@link WorkerStatus}; every reading must be one moment.
 */
@Timeout(120)
class OneMomentPerReadTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int JOBS = 10_000;
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private AgentRuntime runtime;
    private JMXConnectorServer connectorServer;

    @AfterEach
    void stop() throws Exception {
        if (connectorServer != null) {
            connectorServer.stop();
        }
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    void everyGetAttributesCallSeesOneMoment() throws Exception {
        runtime = AgentRuntime.start(AgentOptions.parse("redis=" + REDIS.url() + ",namespace=moment,id=m1,interval=1s",
                Map.of()), "test");
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.isRegistered(ObjectNames.worker()));
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1:0"), null, SERVER);
        connectorServer.start();

        try (JMXConnector client = JMXConnectorFactory.connect(connectorServer.getAddress())) {
            MBeanServerConnection remote = client.getMBeanServerConnection();
            String[] names = attributeNames(remote);
            AtomicBoolean working = new AtomicBoolean(true);
            AtomicInteger taken = new AtomicInteger();
            CompletableFuture<List<Map<String, Object>>> readings = CompletableFuture.supplyAsync(() ->
                    readWhile(remote, names, working, taken));

            // At least JOBS jobs, and on until the reader has taken a few readings (a loaded machine starts it late).
            int jobs = 0;
            while (jobs < JOBS || taken.get() <= 10) {
                WorkerStatus.busy("job-" + jobs);
                WorkerStatus.jobSucceeded();
                jobs++;
            }
            working.set(false);

            List<Map<String, Object>> seen = readings.get(60, TimeUnit.SECONDS);
            assertThat(seen).as("readings taken while the jobs ran").hasSizeGreaterThan(10);
            for (Map<String, Object> reading : seen) {
                long processed = (long) reading.get("JobsProcessedCount");
                if (reading.get("State").equals("busy")) {
                    assertThat(reading.get("CurrentJob")).as(reading.toString()).isEqualTo("job-" + processed);
                } else {
                    assertThat(reading.get("CurrentJob")).as(reading.toString()).isEqualTo("");
                }
            }
            assertThat(seen).as("some readings caught the worker busy").anyMatch(r -> r.get("State").equals("busy"));
            assertThat(remote.getAttribute(ObjectNames.worker(), "JobsProcessedCount")).isEqualTo((long) jobs);
        }
    }

    private static String[] attributeNames(MBeanServerConnection remote) throws Exception {
        List<String> names = new ArrayList<>();
        for (MBeanAttributeInfo info : remote.getMBeanInfo(ObjectNames.worker()).getAttributes()) {
            names.add(info.getName());
        }
        assertThat(names).contains("State", "CurrentJob", "JobsProcessedCount");
        return names.toArray(new String[0]);
    }

    private static List<Map<String, Object>> readWhile(MBeanServerConnection remote, String[] names,
            AtomicBoolean working, AtomicInteger taken) {
        List<Map<String, Object>> readings = new ArrayList<>();
        try {
            while (working.get()) {
                AttributeList list = remote.getAttributes(ObjectNames.worker(), names);
                Map<String, Object> reading = new HashMap<>();
                for (Attribute attribute : list.asList()) {
                    reading.put(attribute.getName(), attribute.getValue());
                }
                assertThat(reading).hasSize(names.length);
                readings.add(reading);
                taken.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return readings;
    }
}
