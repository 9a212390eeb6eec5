package io.wmon.test.jvm;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of one child JVM:
 * {@code <jdk>/bin/java [-javaagent:<jar>[=<options>]]… <small-footprint flags> [flags] (-jar <jar> | -cp <path> <class>) [args]}.
 *
 * <pre>{@code
 * JvmCommand.on(Jdk.current()).agent("redis=" + url + ",id=w1").jar(Artifacts.exampleJar()).args("--stdin")
 * JvmCommand.on(Jdk.java25()).mainClass(TargetJvmMain.class)          // no agent: for attach tests
 * }</pre>
 */
public final class JvmCommand {

    /** Flags for a quick start and a small footprint on a 2-core machine; later flags override them. */
    public static final List<String> SMALL_FOOTPRINT = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx128m");

    private final Jdk jdk;
    private final List<String> agentFlags = new ArrayList<>();
    private final List<String> jvmFlags = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private List<String> main = List.of();

    private JvmCommand(Jdk jdk) {
        this.jdk = jdk;
    }

    /** A JVM on {@code jdk}; name its main with {@link #jar} or {@link #mainClass}. */
    public static JvmCommand on(Jdk jdk) {
        return new JvmCommand(jdk);
    }

    /** Adds {@code -javaagent:<wmon-agent.jar>=<options>}; each call adds one more flag. */
    public JvmCommand agent(String options) {
        return agent(Artifacts.agentJar(), options);
    }

    /** Adds {@code -javaagent:<jar>=<options>} ({@code -javaagent:<jar>} when options are empty). */
    public JvmCommand agent(Path jar, String options) {
        agentFlags.add("-javaagent:" + jar + (options.isEmpty() ? "" : "=" + options));
        return this;
    }

    /** Adds JVM flags such as {@code -XX:+EnableDynamicAgentLoading} or {@code -Dkey=value}. */
    public JvmCommand jvmFlag(String... flags) {
        jvmFlags.addAll(List.of(flags));
        return this;
    }

    /** Runs a runnable jar: {@code -jar <jar>}. */
    public JvmCommand jar(Path jar) {
        main = List.of("-jar", jar.toString());
        return this;
    }

    /** Runs {@code mainClass} from the class folder or jar it was loaded from. */
    public JvmCommand mainClass(Class<?> mainClass) {
        return mainClass(mainClass.getName(), List.of(classPathOf(mainClass)));
    }

    /** Runs {@code className} from {@code classPath}. */
    public JvmCommand mainClass(String className, List<Path> classPath) {
        String path = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        main = List.of("-cp", path, className);
        return this;
    }

    /** Appends arguments for the main class. */
    public JvmCommand args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public Jdk jdk() {
        return jdk;
    }

    /** The whole command line. */
    public List<String> argv() {
        if (main.isEmpty()) {
            throw new IllegalStateException("no main: call jar(…) or mainClass(…)");
        }
        List<String> argv = new ArrayList<>();
        argv.add(jdk.java().toString());
        argv.addAll(agentFlags);
        argv.addAll(SMALL_FOOTPRINT);
        argv.addAll(jvmFlags);
        argv.addAll(main);
        argv.addAll(args);
        return argv;
    }

    /** This command line as a process command, to set its environment or stdin. */
    public ProcessCommand toCommand() {
        return ProcessCommand.of(argv());
    }

    /** The class folder or jar {@code type} was loaded from, for a child's class path. */
    public static Path classPathOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalArgumentException(type + " was not loaded from a class folder or jar");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the location of " + type + " is no file: " + source.getLocation(), e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", argv());
    }
}
