package io.wmon.it;

import io.wmon.test.jvm.ChildProcess;
import io.wmon.test.jvm.Jdk;
import io.wmon.test.jvm.JvmCommand;
import io.wmon.test.worker.WorkerFleetExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datadog's JMXFetch, the Datadog Agent's JMX collector, run as a JVM of its own from the jar the pom
 * copies from Maven Central, with its console reporter: each metric it would send to DogStatsD is one
 * line of its log on stdout, {@code <name>[<tag>,<tag>,…] - <epoch s> = <value>}.
 *
 * <p>JMXFetch collects, sleeps {@link #CHECK_PERIOD}, and collects again, forever. A test stops it
 * (SIGSTOP) while it sleeps, reads the MBeans, changes the worker, and lets it go on:
 * {@link #nextCollections} knows it sleeps because it logs {@code Sleeping for … ms.} (at DEBUG)
 * right before each sleep, with a time stamp that the moment of the pause is compared against.
 */
final class JmxFetch {

    /** The jar-with-dependencies the pom copies, and the configuration under test. */
    static final String JAR_PROPERTY = "jmxfetch.jar";
    static final String CONFIG_PROPERTY = "datadog.jmx.config";
    /** The check's name: {@code conf.d/wmon.d/conf.yaml} in the Agent, {@code wmon.yaml} here. */
    static final String CHECK = "wmon";
    /** JMXFetch's sleep between two collections. */
    static final Duration CHECK_PERIOD = Duration.ofMillis(1500);
    /** A pause is trusted to fall in the sleep when it lands this long before the sleep ends, or more. */
    private static final Duration PAUSE_MARGIN = Duration.ofMillis(500);
    private static final Duration COLLECTION_TIMEOUT = Duration.ofSeconds(30);

    /** {@code 2026-01-02 03:04:05,678 | INFO | ConsoleReporter | message}, in UTC (the child's time zone). */
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) \\| (\\w+) *\\| (\\w+) \\| (.*)$", Pattern.MULTILINE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern COLLECTION = Pattern.compile("is sending \\d+ metrics to the metrics reporter during collection #(\\d+)$");
    private static final Pattern METRIC = Pattern.compile("^([A-Za-z0-9_.]+)\\[(.*)\\] - \\d+ = (\\S+)$");
    private static final Pattern SLEEPING = Pattern.compile("^Sleeping for \\d+ ms\\.$");

    private final ChildProcess process;
    private int returnedUpTo;
    private boolean paused;

    private JmxFetch(ChildProcess process) {
        this.process = process;
    }

    /**
     * Writes {@code <dir>/wmon.yaml}: the {@code init_config} of the configuration under test as it
     * is, its {@code instances} replaced by {@code instances} (the YAML text of that section).
     */
    static Path writeConfDirectory(Path dir, String instances) {
        String shipped = read(configFile());
        int at = shipped.indexOf("\ninstances:");
        if (at < 0 || shipped.indexOf("\ninstances:", at + 1) >= 0) {
            throw new IllegalStateException(configFile() + " must end with one top-level instances: section");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CHECK + ".yaml"), shipped.substring(0, at + 1) + instances);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** JMXFetch on the test's JDK, collecting the check in {@code confDirectory}; killed after the test. */
    static JmxFetch start(WorkerFleetExtension fleet, Path confDirectory) {
        JvmCommand command = JvmCommand.on(Jdk.current()).jvmFlag("-Duser.timezone=UTC").jar(jar())
                .args("--reporter", "console", "--conf_directory", confDirectory.toString(), "--check", CHECK + ".yaml",
                        "--check_period", Long.toString(CHECK_PERIOD.toMillis()), "--log_level", "DEBUG", "collect");
        return new JmxFetch(fleet.start("jmxfetch", command));
    }

    /** The configuration file under test, {@code docs/apm/datadog-jmx.yaml} unless the build says otherwise. */
    static Path configFile() {
        return ApmFiles.existing(CONFIG_PROPERTY);
    }

    /**
     * Lets JMXFetch go on if it is paused, waits for the next collection to end, and stops JMXFetch in
     * the sleep after it; a pause that may have come after the sleep is undone and the next collection
     * waited for instead.
     *
     * @return the collections that ended since the previous call, the last one followed by the pause
     */
    List<Collection> nextCollections() {
        if (paused) {
            process.resume();
            paused = false;
        }
        long deadline = System.nanoTime() + COLLECTION_TIMEOUT.toNanos();
        int considered = returnedUpTo;
        while (true) {
            List<Collection> ended = collections().stream().filter(c -> c.sleptAtMillis >= 0).toList();
            if (ended.size() > considered) {
                process.pause();
                long pausedAt = System.currentTimeMillis();
                Collection last = ended.get(ended.size() - 1);
                if (pausedAt < last.sleptAtMillis + CHECK_PERIOD.toMillis() - PAUSE_MARGIN.toMillis()) {
                    paused = true;
                    List<Collection> since = List.copyOf(ended.subList(returnedUpTo, ended.size()));
                    returnedUpTo = ended.size();
                    return since;
                }
                process.resume(); // too late to be sure it still sleeps: wait for the next one
                considered = ended.size();
                deadline = System.nanoTime() + COLLECTION_TIMEOUT.toNanos();
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError("no collection of JMXFetch ended within " + COLLECTION_TIMEOUT + ": "
                        + process.describe());
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Every collection printed so far, in order; the last may not have ended yet. */
    List<Collection> collections() {
        List<Collection> collections = new ArrayList<>();
        Matcher line = LINE.matcher(process.stdout());
        Collection current = null;
        while (line.find()) {
            String message = line.group(4);
            Matcher start = COLLECTION.matcher(message);
            Matcher metric = METRIC.matcher(message);
            if (start.find()) {
                current = new Collection(Integer.parseInt(start.group(1)), new ArrayList<>());
                collections.add(current);
            } else if (current != null && line.group(3).equals("ConsoleReporter") && metric.matches()) {
                Double value = number(metric.group(3));
                if (value != null) { // else a service check: CHECK[tags] - … = OK
                    List<String> tags = metric.group(2).isEmpty() ? List.of() : List.of(metric.group(2).split(","));
                    current.samples.add(new Sample(metric.group(1), tags, value));
                }
            } else if (current != null && SLEEPING.matcher(message).matches()) {
                current.sleptAtMillis = LocalDateTime.parse(line.group(1), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                current = null;
            }
        }
        return collections;
    }

    private static Double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Path jar() {
        return ApmFiles.existing(JAR_PROPERTY);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One metric as the console reporter printed it: name, tags in JMXFetch's order, value. */
    record Sample(String name, List<String> tags, double value) {
    }

    /** One collection: its number (from 1), its samples, and when JMXFetch began the sleep after it (-1: not yet). */
    static final class Collection {

        final int number;
        final List<Sample> samples;
        long sleptAtMillis = -1;

        Collection(int number, List<Sample> samples) {
            this.number = number;
            this.samples = samples;
        }

        @Override
        public String toString() {
            return "collection #" + number + " (" + samples.size() + " samples)";
        }
    }
}
