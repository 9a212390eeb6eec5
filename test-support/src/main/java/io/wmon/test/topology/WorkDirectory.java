package io.wmon.test.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directory of one deployment, with a subdirectory per server for its configuration,
 * cluster state and log. Deleted by {@link #delete()}; should that never run, the JVM deletes on exit
 * what it was told of (files first, then directories), and a leftover is harmless.
 *
 * <p>It lives in memory ({@code /dev/shm}) where that exists: sentinels and cluster nodes {@code fsync}
 * their configuration on every change, and on a disk busy with other builds one {@code fsync} can block a
 * server for seconds, long enough for a sentinel to enter TILT mode (no failover for 30 s) or for cluster
 * peers to flag a node failed.
 */
final class WorkDirectory {

    /** A file system in memory on Linux, where {@code fsync} costs nothing. */
    private static final Path IN_MEMORY = Path.of("/dev/shm");

    private final Path root;

    private WorkDirectory(Path root) {
        this.root = root;
    }

    /** A new directory {@code <tmp>/<prefix>…}. */
    static WorkDirectory create(String prefix) {
        try {
            Path root = Files.isDirectory(IN_MEMORY) && Files.isWritable(IN_MEMORY)
                    ? Files.createTempDirectory(IN_MEMORY, prefix)
                    : Files.createTempDirectory(prefix);
            root.toFile().deleteOnExit();
            return new WorkDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for " + prefix, e);
        }
    }

    Path root() {
        return root;
    }

    /** A new subdirectory {@code name}, for one server. */
    Path server(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    /** Marks a file the servers write for deletion on exit, in case {@link #delete()} never runs. */
    static Path deletedOnExit(Path file) {
        file.toFile().deleteOnExit();
        return file;
    }

    /** Deletes the whole tree; best effort. */
    void delete() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
