package io.wmon.test.jvm;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, environment and standard input of one child process: a JVM (see
 * {@link JvmCommand#toCommand()}) or any program, such as a launcher script.
 *
 * <p>The child inherits the test JVM's environment except every {@code WMON_*} variable, so that a
 * developer's own {@code WMON_REDIS_URL} can never send a child to another server; variables set
 * here apply after that. By default stdin is a pipe (for {@link ChildProcess#send}) and stdout and
 * stderr go to two files.
 */
public final class ProcessCommand {

    private final List<String> argv;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean stdinFromNull;
    private boolean mergeStderr;

    private ProcessCommand(List<String> argv) {
        this.argv = new ArrayList<>(argv);
    }

    /** {@code program args…}. */
    public static ProcessCommand of(Path program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(List.of(args));
        return new ProcessCommand(argv);
    }

    /** A whole command line, program first. */
    public static ProcessCommand of(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command line needs a program");
        }
        return new ProcessCommand(argv);
    }

    /** Appends arguments. */
    public ProcessCommand args(String... more) {
        argv.addAll(List.of(more));
        return this;
    }

    /** Sets an environment variable of the child; {@code null} removes an inherited one. */
    public ProcessCommand env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Stdin reads {@code /dev/null} instead of a pipe, as for a command run from a script. */
    public ProcessCommand stdinFromNull() {
        stdinFromNull = true;
        return this;
    }

    /**
     * Stderr goes to the stdout file: one stream in the order the child wrote it, for a test that
     * compares when two threads printed (stdout and stderr files alone lose that order).
     */
    public ProcessCommand mergeStderr() {
        mergeStderr = true;
        return this;
    }

    public List<String> argv() {
        return Collections.unmodifiableList(argv);
    }

    /** The variables set (or, with a null value, removed) on top of the inherited environment. */
    public Map<String, String> environment() {
        return Collections.unmodifiableMap(environment);
    }

    public boolean stdinIsNull() {
        return stdinFromNull;
    }

    public boolean mergesStderr() {
        return mergeStderr;
    }

    /** A process builder for this command writing to {@code stdout} and {@code stderr}. */
    ProcessBuilder builder(Path stdout, Path stderr) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(stdout.toFile());
        if (mergeStderr) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        if (stdinFromNull) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("WMON_"));
        environment.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return builder;
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
