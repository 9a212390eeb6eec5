package io.wmon.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wmon.test.RedisServerExtension;
import io.wmon.test.worker.AgentArgs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A JVM where no agent runs (surefire gives this class its own JVM): binding adds no meter and says nothing. */
class WmonMetricsWithoutAgentTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void withoutTheAgentBindsNothingAndPrintsNothing() throws Exception {
        assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("io.wmon:*"), null))
                .as("io.wmon beans in a JVM without the agent").isEmpty();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        String printed = printedWhile(() -> new WmonMetrics().bindTo(registry));

        assertThat(registry.getMeters()).isEmpty();
        assertThat(printed).isEmpty();
    }

    @Test
    void anAgentDisabledByABadOptionBindsNothing() throws Exception {
        SelfAttach.loadAgent(AgentArgs.of(REDIS.url(), "mm-disabled").with("interval", "soon").toString());
        assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("io.wmon:*"), null))
                .as("io.wmon beans of a disabled agent").isEmpty();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        String printed = printedWhile(() -> new WmonMetrics().bindTo(registry));

        assertThat(registry.getMeters()).isEmpty();
        assertThat(printed).isEmpty();
    }

    /** What {@code action} wrote to System.out, System.err or java.util.logging's root logger. */
    private static String printedWhile(Runnable action) {
        StringBuilder logged = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.append(record.getLevel()).append(' ').append(record.getMessage()).append('\n');
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(handler);
        }
        return printed.toString(StandardCharsets.UTF_8) + logged;
    }
}
