package io.wmon.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a {@code redis-server} executable: the one installed on the PATH, or the one shipped
 * as a resource inside the embedded-redis jar (so that a machine with only a JDK can run the
 * tests).
 */
public final class RedisBinaries {

    /** Resource names in embedded-redis 1.4.3, keyed by what {@link #platform()} returns. */
    private static final List<String> EMBEDDED = List.of(
            "redis-server-6.2.6-v5-linux-amd64",
            "redis-server-6.2.7-linux-arm64",
            "redis-server-6.2.7-linux-386",
            "redis-server-6.2.6-v5-darwin-amd64",
            "redis-server-6.2.6-v5-darwin-arm64");

    /** The major version of {@code redis-server --version} per binary, asked once per JVM. */
    private static final Map<Path, Integer> MAJOR_VERSIONS = new ConcurrentHashMap<>();
    private static final Pattern VERSION = Pattern.compile("\\bv=(\\d+)\\.");

    /** The extracted embedded binary; extracted at most once per JVM. */
    private static Path extracted;

    private RedisBinaries() {
    }

    /** The first executable {@code redis-server} on the PATH, if any. */
    public static Optional<Path> onPath() {
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
    public static synchronized Path embedded() {
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

    /**
     * Whether {@code binary} knows {@code --enable-debug-command} (Redis 7 and later, which refuse
     * {@code DEBUG} by default); Redis 6 allows {@code DEBUG} and would refuse to start with the option.
     */
    static boolean hasDebugCommandOption(Path binary) {
        return majorVersion(binary) >= 7;
    }

    /**
     * The binary for servers run as child processes: the embedded one when {@code wmon.test.redis} /
     * {@code WMON_TEST_REDIS} says {@code embedded}, else the PATH's, else the embedded one. A container
     * or external kind does not apply: a deployment of several servers always runs child processes.
     */
    public static Path preferred() {
        String kind = System.getProperty(BackendSelector.KIND_PROPERTY);
        if (kind == null || kind.isBlank()) {
            kind = System.getenv(BackendSelector.KIND_ENV);
        }
        if (kind != null && kind.trim().equals(BackendSelector.EMBEDDED)) {
            return embedded();
        }
        return onPath().orElseGet(RedisBinaries::embedded);
    }

    /** The major version {@code binary --version} prints ({@code v=7.0.15}), 0 when it cannot tell; asked once per binary. */
    public static int majorVersion(Path binary) {
        return MAJOR_VERSIONS.computeIfAbsent(binary, RedisBinaries::askMajorVersion);
    }

    private static int askMajorVersion(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            process.waitFor();
            Matcher matcher = VERSION.matcher(output);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
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
