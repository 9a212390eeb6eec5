package io.wmon.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Summaries and clocks wrap at spaces instead of being cut mid-word. */
class WordWrapTest {

    @Test
    void aLineThatFitsStaysOneLine() {
        assertThat(WordWrap.wrap("12:00:01  wmon status", 40)).containsExactly("12:00:01  wmon status");
        assertThat(WordWrap.wrap("x y", TextTable.UNLIMITED)).containsExactly("x y");
    }

    @Test
    void aLongLineBreaksBetweenWordsWithIndentedContinuations() {
        List<String> lines = WordWrap.wrap("prod @ redis://cache:6379: 12 workers, 9 alive, 1 stale, 1 gone", 28);

        assertThat(lines).containsExactly("prod @ redis://cache:6379:", "  12 workers, 9 alive, 1", "  stale, 1 gone");
        assertThat(String.join(" ", lines).replaceAll(" +", " ")).isEqualTo(
                "prod @ redis://cache:6379: 12 workers, 9 alive, 1 stale, 1 gone");
    }

    @Test
    void theSpacingBetweenWordsIsKept() {
        assertThat(WordWrap.wrap("12:00:01  wmon status  ns", 18)).containsExactly("12:00:01  wmon", "  status  ns");
    }

    @Test
    void onlyAWordWiderThanTheLineIsCut() {
        assertThat(WordWrap.wrap("at redis://a-very-long-host-name.example:6379 now", 20))
                .containsExactly("at", "  redis://a-very-lo" + SafeText.CUT_MARK, "  now");
    }
}
