package io.wmon.cli.text;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi.IStyle;

/**
 * A plain-text table: columns as wide as their widest cell, two spaces apart, each row optionally
 * in one ANSI style (picocli's {@code Help.Ansi.Style}, e.g. {@code fg_red}). At a limited width (a terminal) cells are capped per column and every line is
 * cut to the width; at {@link #UNLIMITED} (a pipe) nothing is cut.
 *
 * <p>Cutting happens on the plain text before the style is applied, so a cut never splits an
 * escape sequence and the visible width never exceeds the limit.
 */
public final class TextTable {

    /** Width for output that is not a terminal: nothing is cut. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** One column: its heading, the widest a cell may be, and whether numbers align right. */
    public record Column(String heading, int maxWidth, boolean right) {
    }

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();
    private final List<IStyle> styles = new ArrayList<>();

    public TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row of one cell per column, in {@code style}, or plain when it is null. */
    public void add(IStyle style, String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        styles.add(style);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The heading line followed by one line per row, none longer than {@code width} visible columns. */
    public List<String> render(int width) {
        boolean limited = width != UNLIMITED;
        int[] caps = columns.stream().mapToInt(column -> limited ? column.maxWidth() : Integer.MAX_VALUE).toArray();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.min(caps[c], columns.get(c).heading().length());
        }
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], Math.min(caps[c], row[c].length()));
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        String[] headings = columns.stream().map(Column::heading).toArray(String[]::new);
        lines.add(line(headings, widths, width));
        for (int r = 0; r < rows.size(); r++) {
            lines.add(styled(styles.get(r), line(rows.get(r), widths, width)));
        }
        return lines;
    }

    private String line(String[] cells, int[] widths, int width) {
        StringBuilder sb = new StringBuilder(128);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String cell = cut(cells[c], widths[c]);
            boolean last = c == cells.length - 1;
            int pad = widths[c] - cell.length();
            if (columns.get(c).right()) {
                sb.append(" ".repeat(pad)).append(cell);
            } else {
                sb.append(cell);
                if (!last) {
                    sb.append(" ".repeat(pad));
                }
            }
        }
        return cut(stripTrailing(sb), width);
    }

    /**
     * {@code text} between the style's on and off sequences, or unchanged when {@code style} is null.
     * Text from Redis is never parsed as picocli markup, so a cell holding {@code @|} stays as it is.
     */
    public static String styled(IStyle style, String text) {
        return style == null ? text : style.on() + text + style.off();
    }

    /** {@code text} cut to {@code width} columns, its last one replaced by {@code ~} to show the cut. */
    public static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= 0 ? "" : text.substring(0, width - 1) + "~";
    }

    private static String stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
