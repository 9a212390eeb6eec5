package io.wmon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A JDK to launch workers with: its {@code bin/java}, {@code bin/jcmd} and feature version. */
public record Jdk(Path home, String version) {

    /** The JDK at {@code home} (a JDK folder, or a path to its {@code bin/java}). */
    public static Jdk at(String home) {
        Path path = Path.of(home);
        if (path.getFileName().toString().equals("java")) {
            path = path.toAbsolutePath().getParent().getParent();
        }
        return new Jdk(path, featureVersion(path.resolve("bin/java")));
    }

    /** The JDK running this program. */
    public static Jdk current() {
        return new Jdk(Path.of(System.getProperty("java.home")), String.valueOf(Runtime.version().feature()));
    }

    public String java() {
        return home.resolve("bin/java").toString();
    }

    public String jcmd() {
        return home.resolve("bin/jcmd").toString();
    }

    /** "Java 17" and the like, for the tables. */
    public String label() {
        return "Java " + version;
    }

    private static String featureVersion(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                String t = line.trim();
                if (t.startsWith("java.specification.version = ")) {
                    return t.substring("java.specification.version = ".length());
                }
            }
            return "?";
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run " + java + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
