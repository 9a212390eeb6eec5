package io.wmon.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a {@code redis-server} executable: the one installed on the PATH, or the one shipped
 * as a resource inside the embedded-redis jar (so that a machine with only a JDK can run the
 * tests).
 */
final class RedisBinaries {

    /** Resource names in embedded-redis 1.4.3, keyed by what {@link #platform()} returns. */
    private static final List<String> EMBEDDED = List.of(
            "redis-server-6.2.6-v5-linux-amd64",
            "redis-server-6.2.7-linux-arm64",
            "redis-server-6.2.7-linux-386",
            "redis-server-6.2.6-v5-darwin-amd64",
            "redis-server-6.2.6-v5-darwin-arm64");

    /** The extracted embedded binary; extracted at most once per JVM. */
    private static Path extracted;

    private RedisBinaries() {
    }

    /** The first executable {@code redis-server} on the PATH, if any. */
    static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The embedded binary for this OS and CPU, copied out of the jar to an executable temporary
     * file on first use and deleted when the JVM exits.
     */
    static synchronized Path embedded() {
        if (extracted != null && Files.isExecutable(extracted)) {
            return extracted;
        }
        String resource = resourceName();
        try (InputStream in = RedisBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " not found: is "
                        + "com.github.codemonstur:embedded-redis on the class path?");
            }
            Path file = Files.createTempFile("wmon-redis-server-", "");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + file + " executable");
            }
            extracted = file;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource, e);
        }
    }

    /** The embedded resource for this machine; fails clearly on one the jar has no binary for. */
    static String resourceName() {
        String suffix = "-" + platform();
        return EMBEDDED.stream()
                .filter(name -> name.endsWith(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("embedded-redis ships no redis-server for "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + "; install redis-server on the PATH or use Docker"));
    }

    /** {@code linux-amd64}, {@code linux-arm64}, {@code darwin-arm64}…, from os.name and os.arch. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : os;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> arch;
        };
        return osPart + "-" + archPart;
    }
}
