package io.wmon.test.jvm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK a child JVM runs on: the one running the tests, or the Java 25 JDK installed beside it.
 *
 * @param label short name for test display names, worker ids and output folders, e.g. {@code java17}
 * @param home  the JDK's home directory
 */
public record Jdk(String label, Path home) {

    /** The system property naming the Java 25 JDK's home; the poms pass it. */
    public static final String JAVA25_HOME_PROPERTY = "wmon.java25.home";
    /** Where the Java 25 JDK is installed on the build machine, when the property is not set. */
    public static final String JAVA25_DEFAULT_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

    /** The JDK running the tests (Java 17 on the build machine). */
    public static Jdk current() {
        return new Jdk("java" + Runtime.version().feature(), Path.of(System.getProperty("java.home")));
    }

    /** The Java 25 JDK named by {@value #JAVA25_HOME_PROPERTY} (it may be missing: see {@link #assumeInstalled()}). */
    public static Jdk java25() {
        return new Jdk("java25", Path.of(System.getProperty(JAVA25_HOME_PROPERTY, JAVA25_DEFAULT_HOME)));
    }

    /** Every JDK the agent is tested on, for {@code @MethodSource}; a missing one is skipped by its test. */
    public static Stream<Jdk> supported() {
        return Stream.of(current(), java25());
    }

    /** The {@code java} launcher. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    public boolean isInstalled() {
        return Files.isExecutable(java());
    }

    /** Skips the calling test (an assumption, not a failure) when this JDK is not installed here. */
    public Jdk assumeInstalled() {
        assumeTrue(isInstalled(), () -> label + " is not installed at " + home);
        return this;
    }

    /** The feature version ({@code 17}, {@code 25}) from the JDK's {@code release} file. */
    public int feature() {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the release file of " + home, e);
        }
        String version = release.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        return Integer.parseInt(version.split("[.+-]")[0]);
    }

    @Override
    public String toString() {
        return label;
    }
}
