package io.wmon.cli.command.watch;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Output that notes the wall-clock time, epoch ms, at which each line was completed. */
final class TimedLines extends StringWriter {

    /** One line and when its newline was written. */
    record Line(String text, long atMillis) {
    }

    private final StringBuilder current = new StringBuilder();
    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void write(int c) {
        super.write(c);
        take((char) c);
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        super.write(cbuf, off, len);
        for (int i = off; i < off + len; i++) {
            take(cbuf[i]);
        }
    }

    @Override
    public synchronized void write(String str, int off, int len) {
        super.write(str, off, len);
        for (int i = off; i < off + len; i++) {
            take(str.charAt(i));
        }
    }

    private void take(char c) {
        if (c == '\n') {
            lines.add(new Line(current.toString(), System.currentTimeMillis()));
            current.setLength(0);
        } else {
            current.append(c);
        }
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }
}
