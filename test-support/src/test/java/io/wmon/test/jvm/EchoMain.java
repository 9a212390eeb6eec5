package io.wmon.test.jvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of the harness's own tests: prints {@code ready pid=<pid>}, then runs one command
 * a line from stdin until the end of input, and prints {@code shutdown hook ran} when its
 * shutdown hooks run.
 *
 * <pre>
 * out TEXT    TEXT on stdout          env NAME    env NAME=value on stdout
 * err TEXT    TEXT on stderr          prop NAME   prop NAME=value on stdout
 * spawn       starts a {@link SleepMain} child and prints spawned pid=PID
 * exit N      System.exit(N)
 * </pre>
 */
public final class EchoMain {

    private EchoMain() {
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("ready pid=" + ProcessHandle.current().pid() + " args=" + String.join(",", args));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ", 2);
            String argument = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "out" -> System.out.println(argument);
                case "err" -> System.err.println(argument);
                case "env" -> System.out.println("env " + argument + "=" + System.getenv(argument));
                case "prop" -> System.out.println("prop " + argument + "=" + System.getProperty(argument));
                case "spawn" -> System.out.println("spawned pid=" + spawnSleeper().pid());
                case "exit" -> System.exit(Integer.parseInt(argument));
                default -> System.out.println("unknown " + line);
            }
        }
        System.out.println("end of input");
    }

    private static Process spawnSleeper() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                SleepMain.class.getName()).redirectErrorStream(true).start();
    }
}
