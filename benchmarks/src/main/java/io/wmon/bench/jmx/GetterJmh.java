package io.wmon.bench.jmx;

import io.wmon.bench.AgentMBeans;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH cross-check of {@link GetterLatencyBench} for three typical getters, in sample mode (which
 * reports percentiles). The forked JVM needs the agent:
 * {@code java -jar wmon-benchmarks.jar GetterJmh -jvmArgsAppend -javaagent:wmon-agent.jar=redis=redis://127.0.0.1:PORT}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GetterJmh {

    private MBeanServer server;
    private ObjectName pool;

    @Setup
    public void setUp() throws InterruptedException {
        AgentMBeans beans = AgentMBeans.await(1, 30_000);
        server = beans.server();
        pool = beans.pool();
    }

    @Benchmark
    public Object workerHeartbeatCount() throws JMException {
        return server.getAttribute(AgentMBeans.WORKER, "HeartbeatCount");
    }

    @Benchmark
    public Object workerState() throws JMException {
        return server.getAttribute(AgentMBeans.WORKER, "State");
    }

    @Benchmark
    public Object poolMeanBorrowWait() throws JMException {
        return server.getAttribute(pool, "MeanBorrowWaitMillis");
    }
}
