package io.wmon.cli.command.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code redis-server} executable the demo runs: the one on the {@code PATH}, else the Linux
 * or macOS build that the embedded-redis jar carries as a resource, copied to a temporary file.
 */
public final class RedisServerBinary {

    private final Path path;
    private final boolean extracted;

    private RedisServerBinary(Path path, boolean extracted) {
        this.path = path;
        this.extracted = extracted;
    }

    /**
     * Finds or extracts a {@code redis-server}.
     *
     * @throws IllegalStateException naming what to install when neither exists for this platform
     */
    public static RedisServerBinary locate() {
        return onPath().map(p -> new RedisServerBinary(p, false)).orElseGet(RedisServerBinary::extract);
    }

    static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "redis-server");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Copies the embedded-redis build for this OS and CPU to an executable temporary file. */
    static RedisServerBinary extract() {
        String resource = resourceFor(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no " + resource
                        + " in this wmon build; install redis-server or pass --redis URL");
            }
            Path file = Files.createTempFile("wmon-demo-redis-server-", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + file + " executable; pass --redis URL");
            }
            return new RedisServerBinary(file, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + resource + " (" + e.getMessage()
                    + "); install redis-server or pass --redis URL", e);
        }
    }

    /** The embedded-redis 1.4.x resource name for an {@code os.name} and {@code os.arch}. */
    static String resourceFor(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean amd64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        boolean x86 = arch.equals("x86") || arch.matches("i[3-6]86");
        if (os.contains("linux") && amd64) {
            return "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("linux") && arm64) {
            return "redis-server-6.2.7-linux-arm64";
        }
        if (os.contains("linux") && x86) {
            return "redis-server-6.2.7-linux-386";
        }
        if (os.contains("mac") && amd64) {
            return "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (os.contains("mac") && arm64) {
            return "redis-server-6.2.6-v5-darwin-arm64";
        }
        throw new IllegalStateException("no redis-server on the PATH, and wmon ships none for " + osName + "/"
                + osArch + "; install redis-server or pass --redis URL");
    }

    Path path() {
        return path;
    }

    /** Deletes the temporary copy, if this is one; the running server does not need the file. */
    void release() {
        if (extracted) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit();
            }
        }
    }
}
