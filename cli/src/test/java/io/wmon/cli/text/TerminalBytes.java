package io.wmon.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assertions on the raw bytes a terminal would receive: none of the control characters that make
 * it act (ESC, BEL, DEL, C1, bidi overrides) came from the data.
 */
public final class TerminalBytes {

    /** The hostile strings the tests plant in Redis: clear screen, window title, clipboard, C1 CSI, bidi. */
    public static final String CLEAR = "\u001b[2J";
    public static final String TITLE = "\u001b]0;owned\u0007";
    public static final String CLIPBOARD = "\u001b]52;c;Y3VybCBldmlsfHNo\u0007";
    public static final String C1_CSI = "\u009b31m";
    public static final String BIDI = "\u202e";

    /** The sequences wmon itself writes on a terminal: cursor moves, clears, colours. */
    private static final Pattern OWN = Pattern.compile("\u001b\\[(?:H|K|J|2J|\\?25[lh]|[0-9;]*m)");

    private TerminalBytes() {
    }

    /** Output with no terminal control at all (piped text). */
    public static void assertInert(byte[] out) {
        for (byte b : out) {
            assertThat(b).as("ESC, BEL, DEL or another C0 control in the output")
                    .matches(x -> x == '\n' || x >= 0x20 && x != 0x7f || x < 0);
        }
        assertNoC1OrBidi(out);
    }

    /** Terminal output: every ESC starts one of wmon's own sequences; ESC[2J at most {@code clears} times. */
    public static void assertOnlyOwnSequences(byte[] out, int clears) {
        String text = new String(out, StandardCharsets.UTF_8);
        String rest = OWN.matcher(text).replaceAll("");
        assertThat(rest).as("an ESC that wmon did not write").doesNotContain("\u001b");
        assertThat(rest.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' || c == 0x7f))
                .as("BEL, DEL or another control").isEmpty();
        Matcher clear = Pattern.compile(Pattern.quote(CLEAR)).matcher(text);
        int count = 0;
        while (clear.find()) {
            count++;
        }
        assertThat(count).as("screen clears").isLessThanOrEqualTo(clears);
        assertNoC1OrBidi(out);
    }

    private static void assertNoC1OrBidi(byte[] out) {
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> c >= 0x80 && c <= 0x9f)).as("C1 controls").isEmpty();
        assertThat(text.chars().filter(c -> Character.getType(c) == Character.FORMAT)).as("bidi/format").isEmpty();
    }

    /** The visible forms that must appear instead. */
    public static List<String> escapedForms() {
        return List.of("\\x1b[2J", "\\x1b]0;owned\\x07", "\\x1b]52;c;Y3VybCBldmlsfHNo\\x07", "\\x9b31m", "\\u202e");
    }
}
