package io.wmon.cli.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a line of already-safe text at spaces so that no line is wider than a terminal, instead
 * of cutting it mid-word: a summary or a clock stays readable in a narrow window. Continuation
 * lines are indented by two spaces. Only a single word wider than the whole line is cut (with
 * {@link SafeText#CUT_MARK}).
 */
public final class WordWrap {

    private static final String INDENT = "  ";

    private WordWrap() {
    }

    /**
     * {@code text} as lines of at most {@code width} columns; one line when it fits or at
     * {@link TextTable#UNLIMITED}. The spaces between two words on one line are kept as they were.
     */
    public static List<String> wrap(String text, int width) {
        if (text.length() <= width) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(width);
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            if (start == text.length()) {
                break;
            }
            int end = text.indexOf(' ', start);
            end = end < 0 ? text.length() : end;
            String gap = text.substring(i, start);
            String word = text.substring(start, end);
            if (line.length() > 0 && line.length() + gap.length() + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() == 0) {
                line.append(TextTable.cut((lines.isEmpty() ? "" : INDENT) + word, width));
            } else {
                line.append(gap).append(word);
            }
            i = end;
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
