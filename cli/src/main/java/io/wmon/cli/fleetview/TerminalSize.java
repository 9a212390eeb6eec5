package io.wmon.cli.fleetview;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's size in rows and columns, asked of {@code stty size} on {@code /dev/tty} (Java
 * has no API for it), else {@code $LINES}/{@code $COLUMNS}, else 24 × 80. Asked at most once a
 * second, so that a resized window is picked up without a process per frame.
 */
final class TerminalSize {

    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final boolean fixed;
    private int rows = 24;
    private int columns = 80;
    private long askedAt;
    private boolean asked;

    TerminalSize() {
        this.fixed = false;
    }

    private TerminalSize(int rows, int columns) {
        this.fixed = true;
        this.rows = rows;
        this.columns = columns;
    }

    /** A size that never changes, for tests. */
    static TerminalSize fixed(int rows, int columns) {
        return new TerminalSize(rows, columns);
    }

    int rows() {
        refresh();
        return rows;
    }

    int columns() {
        refresh();
        return columns;
    }

    private void refresh() {
        long now = System.nanoTime();
        if (fixed || (asked && now - askedAt < REFRESH_NANOS)) {
            return;
        }
        asked = true;
        askedAt = now;
        int[] size = stty();
        if (size == null) {
            size = new int[] {number(System.getenv("LINES"), rows), number(System.getenv("COLUMNS"), columns)};
        }
        rows = Math.max(3, size[0]);
        columns = Math.max(20, size[1]);
    }

    private static int[] stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process process = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!process.waitFor(1, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return null;
            }
            String[] parts = answer.split("\\s+");
            if (parts.length != 2) {
                return null;
            }
            int[] size = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            // A pseudo-terminal that was never sized answers "0 0".
            return size[0] > 0 && size[1] > 0 ? size : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int number(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
