package io.wmon.bench.capacity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The generator processes of one run: {@code processes} child JVMs ({@link GeneratorMain}), each with an
 * equal share of the {@code workers} ids and a pool of its own, optionally pinned to CPUs with
 * {@code taskset} and run at a lower priority with {@code nice}. Closing stops them all.
 */
final class Generators implements AutoCloseable {

    private final List<Child> children = new ArrayList<>();

    /**
     * What the senders of every process did so far; {@code maxLagMillis} is the largest lag of any beat
     * since the previous count (of a difference: in its window).
     */
    record Counts(long beats, long late, long failed, long maxLagMillis, long cpuNanos) {

        Counts minus(Counts earlier) {
            return new Counts(beats - earlier.beats, late - earlier.late, failed - earlier.failed, maxLagMillis,
                    cpuNanos - earlier.cpuNanos);
        }
    }

    /**
     * How to launch the processes: how many, their sender threads, CPUs ({@code ""}: any), niceness and
     * heap ({@code -Xmx} form, e.g. {@code 2g}).
     */
    record Launch(int processes, int threads, String cpus, int nice, String heap) {
    }

    Generators(Launch launch, String redisUrl, String namespace, int workers, long intervalMillis)
            throws IOException {
        try {
            for (int p = 0; p < launch.processes(); p++) {
                int first = (int) ((long) workers * p / launch.processes());
                int last = (int) ((long) workers * (p + 1) / launch.processes());
                children.add(new Child(command(launch, redisUrl, namespace, first, last - first, intervalMillis)));
            }
            for (Child child : children) {
                child.expect("started");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The sum of every process's counters, asked of each in turn (a few ms apart). */
    Counts count() throws IOException {
        long beats = 0;
        long late = 0;
        long failed = 0;
        long lag = 0;
        long cpu = 0;
        for (Child child : children) {
            String[] f = child.ask("count").split(" ");
            beats += Long.parseLong(f[0]);
            late += Long.parseLong(f[1]);
            failed += Long.parseLong(f[2]);
            lag = Math.max(lag, Long.parseLong(f[3]));
            cpu += Long.parseLong(f[4]);
        }
        return new Counts(beats, late, failed, lag, cpu);
    }

    /** The operating system's ids of the processes, for their CPU time in {@code /proc}. */
    List<Long> pids() {
        return children.stream().map(c -> c.process.pid()).toList();
    }

    @Override
    public void close() {
        for (Child child : children) {
            child.stop();
        }
        children.clear();
    }

    private static List<String> command(Launch launch, String redisUrl, String namespace, int first, int count,
            long intervalMillis) {
        List<String> command = new ArrayList<>();
        if (!launch.cpus().isEmpty()) {
            command.addAll(List.of("taskset", "-c", launch.cpus()));
        }
        if (launch.nice() != 0) {
            command.addAll(List.of("nice", "-n", String.valueOf(launch.nice())));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A fixed heap, half of it young: a worker's last hash lives one interval, so most die young.
                "-Xms" + launch.heap(), "-Xmx" + launch.heap(), "-XX:NewRatio=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                GeneratorMain.class.getName(), "--redis", redisUrl, "--namespace", namespace,
                "--first", String.valueOf(first), "--count", String.valueOf(count),
                "--threads", String.valueOf(launch.threads()), "--interval-ms", String.valueOf(intervalMillis)));
        return command;
    }

    /** One generator process and its two pipes. */
    private static final class Child {
        final Process process;
        final BufferedReader out;
        final Writer in;

        Child(List<String> command) throws IOException {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        void expect(String line) throws IOException {
            String got = out.readLine();
            if (!line.equals(got)) {
                throw new IOException("generator " + process.pid() + " printed " + got + " instead of " + line);
            }
        }

        String ask(String question) throws IOException {
            in.write(question + "\n");
            in.flush();
            String answer = out.readLine();
            if (answer == null) {
                throw new IOException("generator " + process.pid() + " closed its output"
                        + (process.isAlive() ? "" : " and exited with status " + process.exitValue()));
            }
            return answer;
        }

        void stop() {
            try {
                in.write("stop\n");
                in.close();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
