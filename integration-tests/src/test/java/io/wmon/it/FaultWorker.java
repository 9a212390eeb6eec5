package io.wmon.it;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.worker.AgentArgs;
import io.wmon.test.worker.WorkerFleetExtension;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An example worker JVM under a fault: started with the real shaded agent (or without one, as a
 * baseline), logging one line per record, and read back through its own output (the jobs it
 * finished, the agent's log lines, any stack trace) and its MBeans.
 */
final class FaultWorker {

    /** JUL's one-line format, as docs/agent.md suggests, so that one log record is one line. */
    static final String ONE_LINE_LOG = "-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s %5$s%6$s%n";
    /** A line of a Java stack trace, or the header of one: {@code \tat …}, {@code Caused by: …}, {@code a.b.FooException…}. */
    private static final Pattern TRACE_LINE = Pattern.compile(
            "^(\\s+at |\\s*Caused by: |\\s*\\.\\.\\. \\d+ more|[\\w$]+(\\.[\\w$]+)+(Exception|Error)\\b)");
    private static final Pattern JOB_DONE = Pattern.compile("^job job-\\d+ succeeded$", Pattern.MULTILINE);

    private final ChildProcess process;
    private final AgentArgs agent;
    private AgentBeans beans;

    private FaultWorker(ChildProcess process, AgentArgs agent) {
        this.process = process;
        this.agent = agent;
    }

    /** Starts the example worker with the agent, {@code args} its own (e.g. {@code --job-millis 20}); waits for its first line. */
    static FaultWorker start(WorkerFleetExtension fleet, AgentArgs agent, String... args) {
        JvmCommand command = fleet.exampleWorker(Jdk.current()).agent(agent.toString()).jvmFlag(ONE_LINE_LOG).args(args);
        return started(fleet.start(agent.id(), command), agent);
    }

    /** The same worker without an agent: the pace the application has on its own. */
    static FaultWorker withoutAgent(WorkerFleetExtension fleet, String name, String... args) {
        return started(fleet.start(name, fleet.exampleWorker(Jdk.current()).args(args)), null);
    }

    private static FaultWorker started(ChildProcess process, AgentArgs agent) {
        process.awaitStdout("^ready pid=", ChildProcess.START_TIMEOUT);
        return new FaultWorker(process, agent);
    }

    ChildProcess process() {
        return process;
    }

    AgentArgs agent() {
        return agent;
    }

    /** Its MBeans over JMX, connected on first use. */
    synchronized AgentBeans beans() {
        if (beans == null) {
            beans = new AgentBeans(process.jmx(), agent.connectionName());
        }
        return beans;
    }

    /** Jobs the application reported done on stdout so far: its own count, whatever the agent does. */
    long jobsDone() {
        return JOB_DONE.matcher(process.stdout()).results().count();
    }

    /** Jobs per second over {@code window}, from the application's own count. */
    double pace(Duration window) {
        long before = jobsDone();
        long start = System.nanoTime();
        Pause.sleep(window);
        long done = jobsDone() - before;
        return done * 1_000_000_000.0 / (System.nanoTime() - start);
    }

    /** Lines of stdout and stderr that belong to a stack trace; none is the rule. */
    List<String> stackTraceLines() {
        return (process.stdout() + "\n" + process.stderr()).lines().filter(line -> TRACE_LINE.matcher(line).find())
                .toList();
    }

    /** Lines of stderr (where the agent logs) that contain {@code fragment}. */
    List<String> logLines(String fragment) {
        return process.stderr().lines().filter(line -> line.contains(fragment)).toList();
    }

    /** The lines that open an outage ({@code wmon heartbeat failed: …}). */
    List<String> outageStarts() {
        return logLines("wmon heartbeat failed:");
    }

    /** The lines that close an outage ({@code wmon heartbeat restored: …}). */
    List<String> outageEnds() {
        return logLines("wmon heartbeat restored:");
    }
}
