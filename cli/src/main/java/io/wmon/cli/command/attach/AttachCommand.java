package io.wmon.cli.command.attach;

import io.wmon.cli.jvm.AgentJar;
import io.wmon.cli.jvm.AttachedVm;
import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.ExplicitOptions;
import io.wmon.cli.shell.TargetUnreachableException;
import io.wmon.cli.shell.UsageError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wmon attach PID [--stop] [--agent-jar PATH] [OPTION…]}: loads the wmon agent into a running
 * JVM, or stops it there, and says whether it runs afterwards.
 *
 * <p>{@code loadAgent} cannot report what the agent made of its options (it logs in the target), so
 * the command reads {@code wmon.agent.version} from the target before and after: an agent that
 * runs already is not loaded twice, and one that refused its options is reported as not started,
 * with the reason the agent left in {@code wmon.agent.error}.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load the wmon agent into a running JVM (or stop it there) through the Attach API.",
            "OPTIONs are the agent's key=value options, e.g. redis=redis://cache:6379 namespace=prod; "
                + "a comma inside a value is passed on as part of it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:loaded or stopped, or already in the wanted state", "1:internal error",
            "2:usage error: an OPTION that is not key=value, an agent jar that is not there",
            "3:no such JVM, attach refused, or the agent refused its options (the reason is shown) or did not start"})
public final class AttachCommand implements Callable<Integer> {

    /** How the agent's refusal lines start; the CLI says it in its own words. */
    private static final String AGENT_DISABLED = "wmon agent disabled: ";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "Process id of the target JVM.")
    long pid;

    @Parameters(index = "1..*", paramLabel = "OPTION", description = "Agent options as key=value words.")
    List<String> words = new ArrayList<>();

    @Option(names = "--stop", description = "Stop the agent running in the target (sends mode=stop).")
    boolean stop;

    @Option(names = "--agent-jar", paramLabel = "PATH",
            description = "The wmon-agent.jar to load (default: the one next to the wmon CLI).")
    Path agentJar;

    @Override
    public Integer call() {
        CommandLine command = spec.commandLine();
        if (pid <= 0) {
            throw UsageError.misuse(command, "PID must be a positive number, was " + pid);
        }
        String options = stop ? AgentArguments.stop(words, command)
                : AgentArguments.start(words, inheritedOptions(), command);
        Path jar = AgentJar.resolve(agentJar, command);
        PrintWriter out = spec.commandLine().getOut();
        try (AttachedVm vm = AttachedVm.attach(pid)) {
            Optional<String> before = vm.agentVersion();
            if (!stop && before.isPresent()) {
                out.println("wmon agent " + before.get() + " already running in pid " + pid
                        + "; nothing loaded (to change its options: wmon attach " + pid + " --stop, then attach again)");
                return ExitCodes.OK;
            }
            if (stop && before.isEmpty()) {
                out.println("wmon agent not running in pid " + pid + "; nothing to stop");
                return ExitCodes.OK;
            }
            noteDynamicLoadingWarning(vm);
            vm.loadAgent(jar, options);
            Optional<String> after = vm.agentVersion();
            if (stop) {
                if (after.isPresent()) {
                    throw new TargetUnreachableException("wmon agent still running in pid " + pid
                            + " after mode=stop; see that JVM's log (logger io.wmon.agent)");
                }
                out.println("wmon agent stopped in pid " + pid);
            } else {
                if (after.isEmpty()) {
                    throw notStarted(vm);
                }
                out.println("wmon agent loaded into pid " + pid + " (version " + after.get() + ")");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /**
     * The agent loaded but does not run: its own reason when it left one in
     * {@value AttachedVm#AGENT_ERROR_PROPERTY} (a refused option), else where to look.
     */
    private TargetUnreachableException notStarted(AttachedVm vm) {
        Optional<String> reason = vm.systemProperty(AttachedVm.AGENT_ERROR_PROPERTY)
                .map(line -> line.startsWith(AGENT_DISABLED) ? line.substring(AGENT_DISABLED.length()) : line);
        if (reason.isPresent()) {
            return new TargetUnreachableException("the wmon agent refused to start in pid " + pid + ": "
                    + reason.get());
        }
        return new TargetUnreachableException("wmon agent loaded into pid " + pid + " but not running: "
                + "it refused its options or could not start; see that JVM's log (logger io.wmon.agent)");
    }

    /**
     * {@code --redis}, {@code --namespace} and {@code --password-file} typed for wmon itself go to the
     * agent too; the file's path made absolute, since the target resolves it from its own directory.
     */
    private Map<String, String> inheritedOptions() {
        Map<String, String> inherited = new LinkedHashMap<>();
        ExplicitOptions.typed(spec.commandLine(), "--redis").ifPresent(url -> inherited.put("redis", url));
        ExplicitOptions.typed(spec.commandLine(), "--namespace").ifPresent(ns -> inherited.put("namespace", ns));
        ExplicitOptions.typed(spec.commandLine(), "--password-file").ifPresent(file -> inherited.put("passwordFile",
                Path.of(file).toAbsolutePath().normalize().toString()));
        return inherited;
    }

    /** JEP 451: from Java 21 on, a dynamically loaded agent makes the target print a warning. */
    private void noteDynamicLoadingWarning(AttachedVm vm) {
        if (vm.warnsOnDynamicAgents()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("wmon: note: pid " + pid + " runs Java " + vm.javaRelease() + " and prints a warning about a "
                    + "dynamically loaded agent (JEP 451); start it with -XX:+EnableDynamicAgentLoading, or with "
                    + "-javaagent, to avoid it");
            err.flush();
        }
    }
}
