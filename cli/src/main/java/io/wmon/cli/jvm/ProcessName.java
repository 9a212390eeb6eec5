package io.wmon.cli.jvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The name a process goes by, as {@code ps} and {@code top} show it: {@code redis-server}, not
 * {@code redis-check-rdb}, the file that Debian's {@code /usr/bin/redis-server} symlink points to
 * and that {@link ProcessHandle.Info#command()} reports (it reads {@code /proc/PID/exe}).
 *
 * <p>On Linux that is {@code /proc/PID/comm}, the name the process was started under; the kernel cuts
 * it at 15 characters, so a cut name is completed from the executable's file name when that starts
 * with it. Elsewhere, or when {@code comm} cannot be read, the executable's file name.
 */
final class ProcessName {

    /** {@code comm} holds at most 15 characters (the kernel's TASK_COMM_LEN, 16, with its terminator). */
    private static final int COMM_LENGTH = 15;

    private ProcessName() {
    }

    static String of(ProcessHandle process) {
        Optional<String> executable = process.info().command().map(ProcessName::fileName);
        Optional<String> comm = comm(process.pid());
        if (comm.isPresent()) {
            String name = comm.get();
            boolean cut = name.length() == COMM_LENGTH;
            return cut && executable.filter(file -> file.startsWith(name)).isPresent() ? executable.get() : name;
        }
        return executable.orElse("unknown command");
    }

    private static Optional<String> comm(long pid) {
        try {
            Path comm = Path.of("/proc", Long.toString(pid), "comm");
            String name = Files.readString(comm, StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException | RuntimeException e) {
            // No /proc (macOS), or the process just exited: fall back to the executable.
            return Optional.empty();
        }
    }

    private static String fileName(String command) {
        Path file = Path.of(command).getFileName();
        return file == null ? command : file.toString();
    }
}
