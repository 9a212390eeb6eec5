package io.wmon.cli.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Help.Ansi.IStyle;

/**
 * A plain-text table: columns as wide as their widest cell, two spaces apart, each row optionally
 * in one ANSI style (picocli's {@code Help.Ansi.Style}, e.g. {@code fg_red}).
 *
 * <p>Every cell is escaped ({@link SafeText}) and cut to its column's {@link Column#maxWidth()} as it
 * is added, so a table's size is bounded by its row count, whatever the cells held. At a limited
 * width (a terminal) cells are further capped at {@link Column#screenWidth()}, and when the line is
 * still too wide the columns are given up in the order of their {@link Column#keep()} rank, least
 * important first: each is shrunk to its {@link Column#minWidth()} (text only: a number column is
 * never shrunk), and dropped when that is not enough, so the most important columns are the last
 * to be cut. At {@link #UNLIMITED} (a pipe) only
 * the {@code maxWidth} cut applies.
 *
 * <p>Cutting happens on the plain text before the style is applied, so a cut never splits an
 * escape sequence and the visible width never exceeds the limit.
 */
public final class TextTable {

    /** Width for output that is not a terminal: cells are cut at their column's {@code maxWidth} only. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final String GAP = "  ";

    /**
     * One column.
     *
     * @param heading its heading
     * @param right whether cells align right (numbers)
     * @param maxWidth the longest a cell may ever be, also on a pipe; a longer one is cut with
     *     {@link SafeText#CUT_MARK}
     * @param screenWidth the widest the column is on a terminal
     * @param minWidth the narrowest it may be shrunk to on a narrow terminal before it is dropped
     * @param keep how important the column is: on a narrow terminal lower ranks are shrunk and dropped first
     */
    public record Column(String heading, boolean right, int maxWidth, int screenWidth, int minWidth, int keep) {

        /** A column of width up to {@code maxWidth} everywhere, dropped first on a narrow terminal. */
        public Column(String heading, int maxWidth, boolean right) {
            this(heading, right, maxWidth, maxWidth, Math.min(maxWidth, heading.length()), 0);
        }

        /** Left-aligned text. */
        public static Column text(String heading, int maxWidth) {
            return new Column(heading, maxWidth, false);
        }

        /** Right-aligned numbers. */
        public static Column number(String heading, int maxWidth) {
            return new Column(heading, maxWidth, true);
        }

        /** The same column, at most {@code width} and at least {@code min} wide on a terminal. */
        public Column onScreen(int width, int min) {
            return new Column(heading, right, maxWidth, Math.min(width, maxWidth), Math.min(min, width), keep);
        }

        /** The same column with importance {@code rank} (higher is kept longer). */
        public Column keep(int rank) {
            return new Column(heading, right, maxWidth, screenWidth, minWidth, rank);
        }
    }

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();
    private final List<IStyle> styles = new ArrayList<>();

    public TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row of one cell per column, in {@code style}, or plain when it is null; cells are escaped and cut. */
    public void add(IStyle style, String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        String[] safe = new String[cells.length];
        for (int c = 0; c < cells.length; c++) {
            safe[c] = SafeText.escape(cells[c], columns.get(c).maxWidth());
        }
        rows.add(safe);
        styles.add(style);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The heading line followed by one line per row, none longer than {@code width} visible columns. */
    public List<String> render(int width) {
        boolean limited = width != UNLIMITED;
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            Column column = columns.get(c);
            int cap = limited ? column.screenWidth() : column.maxWidth();
            widths[c] = Math.min(cap, column.heading().length());
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], Math.min(cap, row[c].length()));
            }
        }
        boolean[] shown = new boolean[widths.length];
        Arrays.fill(shown, true);
        if (limited) {
            fit(widths, shown, width);
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        String[] headings = columns.stream().map(Column::heading).toArray(String[]::new);
        lines.add(line(headings, widths, shown, width));
        for (int r = 0; r < rows.size(); r++) {
            lines.add(styled(styles.get(r), line(rows.get(r), widths, shown, width)));
        }
        return lines;
    }

    /** Gives up columns, least important first (shrunk to their minimum, then dropped), until the line fits. */
    private void fit(int[] widths, boolean[] shown, int width) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            order.add(c);
        }
        // Stable: among columns of one rank, the rightmost goes first.
        order.sort((a, b) -> columns.get(a).keep() != columns.get(b).keep()
                ? Integer.compare(columns.get(a).keep(), columns.get(b).keep()) : Integer.compare(b, a));
        for (int c : order) {
            int excess = total(widths, shown) - width;
            if (excess <= 0) {
                return;
            }
            // A number cut short would read as another number: numbers are dropped, never shrunk.
            int floor = columns.get(c).right() ? widths[c] : columns.get(c).minWidth();
            int shrunk = Math.max(floor, widths[c] - excess);
            if (shrunk < widths[c]) {
                widths[c] = shrunk;
                excess = total(widths, shown) - width;
            }
            if (excess > 0 && visibleCount(shown) > 1) {
                shown[c] = false;
            }
        }
    }

    private static int total(int[] widths, boolean[] shown) {
        int sum = 0;
        int count = 0;
        for (int c = 0; c < widths.length; c++) {
            if (shown[c]) {
                sum += widths[c];
                count++;
            }
        }
        return sum + GAP.length() * Math.max(0, count - 1);
    }

    private static int visibleCount(boolean[] shown) {
        int count = 0;
        for (boolean s : shown) {
            count += s ? 1 : 0;
        }
        return count;
    }

    private String line(String[] cells, int[] widths, boolean[] shown, int width) {
        StringBuilder sb = new StringBuilder(128);
        int last = -1;
        for (int c = 0; c < cells.length; c++) {
            if (shown[c]) {
                last = c;
            }
        }
        boolean first = true;
        for (int c = 0; c < cells.length; c++) {
            if (!shown[c]) {
                continue;
            }
            if (!first) {
                sb.append(GAP);
            }
            first = false;
            String cell = cut(cells[c], widths[c]);
            int pad = widths[c] - cell.length();
            if (columns.get(c).right()) {
                sb.append(" ".repeat(pad)).append(cell);
            } else {
                sb.append(cell);
                if (c != last) {
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

    /**
     * Already-safe {@code text} cut to {@code width} columns, its last one {@link SafeText#CUT_MARK};
     * a surrogate pair is never split. Escape text from outside with {@link SafeText} first.
     */
    public static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        if (width <= 0) {
            return "";
        }
        int end = width - SafeText.CUT_MARK.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + SafeText.CUT_MARK;
    }

    private static String stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
