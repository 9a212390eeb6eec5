package io.wmon.cli.command.jmx;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.JsonOption;
import io.wmon.cli.shell.UsageError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wmon jmx [TARGET] [--json] [--user U --password-file F] [ATTRIBUTE…]}: reads the
 * {@code io.wmon} MBeans of a JVM, or lists the local JVMs and whether the agent runs in each.
 *
 * <p>TARGET is a local PID (Attach API plus the JVM's local management agent; no Java agent is
 * loaded), {@code host:port} or a {@code service:jmx:} URL. A target without wmon MBeans is an
 * unreachable target (exit 3), so that a script can tell "no agent" from "an agent reporting".
 */
@Command(name = "jmx", mixinStandardHelpOptions = true,
        description = {"Read the io.wmon MBeans of a JVM: a local PID, host:port, or a service:jmx: URL.",
            "Without TARGET, list the local JVMs and whether the wmon agent runs in each."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok (also an empty list of JVMs)", "1:internal error",
            "2:usage error: bad flags, an unreadable password file, an ATTRIBUTE that matches nothing",
            "3:no such JVM or not a JVM, attach or JMX refused, authentication failed, no wmon agent (MBeans) there"})
public final class JmxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", converter = JmxTarget.Converter.class,
            description = "PID, host:port, or service:jmx:… URL; omit to list local JVMs.")
    JmxTarget target;

    @Parameters(index = "1..*", paramLabel = "ATTRIBUTE",
            description = "Attributes to read: NAME or TYPE:NAME (e.g. State, RedisPool:Active, RedisPool:*).")
    List<String> attributes = new ArrayList<>();

    @Mixin
    JsonOption json;

    @Option(names = "--user", paramLabel = "USER", description = "JMX user of a remote target.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = {"File whose first line is the JMX password of --user.",
                "JMX's password, not Redis's: that is wmon --password-file, given before the command."})
    Path passwordFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (target == null) {
            if (user != null || passwordFile != null) {
                throw UsageError.misuse(spec.commandLine(),
                        "--user and --password-file need a host:port or service:jmx: TARGET");
            }
            return list(out);
        }
        List<AttributeSelector> selectors = AttributeSelector.parseAll(attributes, spec.commandLine());
        String password = credentials();
        List<MBeanReading> readings;
        try (JmxConnection connection = JmxConnection.open(target, user, password)) {
            MBeanReader reader = new MBeanReader(connection.server(), target.describe());
            readings = reader.read(selectors);
            Optional<String> unmatched = reader.unmatched(selectors, readings);
            if (unmatched.isPresent()) {
                throw new ParameterException(spec.commandLine(), unmatched.get());
            }
        }
        if (json.enabled()) {
            JmxJson.writeReadings(out, target, readings);
        } else {
            JmxText.writeReadings(out, readings);
        }
        return ExitCodes.OK;
    }

    private int list(PrintWriter out) {
        List<LocalJvm> jvms = LocalJvms.list();
        if (json.enabled()) {
            JmxJson.writeJvms(out, jvms);
        } else if (jvms.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("wmon: no other JVM of this user is visible to the Attach API");
            err.flush();
        } else {
            JmxText.writeJvms(out, jvms);
        }
        return ExitCodes.OK;
    }

    /** The password for a remote target with {@code --user}; {@code null} when there is none. */
    private String credentials() {
        if (user == null && passwordFile == null) {
            return null;
        }
        if (target.isLocal()) {
            throw UsageError.misuse(spec.commandLine(), "--user and --password-file apply to host:port and "
                    + "service:jmx: targets; a local PID needs no password");
        }
        if (user == null || passwordFile == null) {
            throw UsageError.misuse(spec.commandLine(), "--user and --password-file go together");
        }
        return PasswordFile.read(passwordFile, spec.commandLine());
    }
}
