package io.wmon.cli.fleetview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Frames redraw in place: home, overwrite, clear the rest; the screen is cleared only once. */
class TerminalDisplayTest {

    @Test
    void laterFramesOverwriteFromHomeWithoutClearingTheScreen() {
        String first = TerminalDisplay.frame(List.of("a", "b"), 10, 40, true);
        String later = TerminalDisplay.frame(List.of("a", "b"), 10, 40, false);

        assertThat(first).startsWith(Terminal.HIDE_CURSOR + Terminal.CLEAR_SCREEN + Terminal.HOME);
        assertThat(later).isEqualTo(Terminal.HOME + "a" + Terminal.CLEAR_TO_EOL + "\nb" + Terminal.CLEAR_TO_EOL
                + Terminal.CLEAR_BELOW);
    }

    @Test
    void aFrameTallerThanTheTerminalIsCutWithALineSayingSo() {
        List<String> lines = IntStream.range(0, 50).mapToObj(i -> "line " + i).toList();

        String frame = TerminalDisplay.frame(lines, 10, 30, false);

        List<String> shown = Escapes.strip(frame).lines().toList();
        assertThat(shown).hasSize(10);
        assertThat(shown.get(9)).startsWith("... 41 more lines").hasSizeLessThanOrEqualTo(30);
    }
}
