package io.wmon.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a terminal would act on is shown as a visible escape, and a cut is bounded by the width. */
class SafeTextTest {

    private static final String MARK = SafeText.CUT_MARK;

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("clear screen", "\u001b[2J", "\\x1b[2J"),
                Arguments.of("OSC 0 window title", "\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07"),
                Arguments.of("OSC 52 clipboard", "\u001b]52;c;cm0gLXJmIH4=\u0007", "\\x1b]52;c;cm0gLXJmIH4=\\x07"),
                Arguments.of("OSC ended by ST", "\u001b]2;t\u001b\\", "\\x1b]2;t\\x1b\\\\"),
                Arguments.of("C1 CSI", "a\u009b31mb", "a\\x9b31mb"),
                Arguments.of("C1 OSC and ST", "\u009d0;t\u009c", "\\x9d0;t\\x9c"),
                Arguments.of("DEL and BEL", "x\u007fy\u0007", "x\\x7fy\\x07"),
                Arguments.of("NUL", "a\u0000b", "a\\x00b"),
                Arguments.of("bidi override", "abc\u202edef", "abc\\u202edef"),
                Arguments.of("bidi isolates", "\u2066x\u2069", "\\u2066x\\u2069"),
                Arguments.of("zero-width space", "a\u200bb", "a\\u200bb"),
                Arguments.of("line separator", "a\u2028b", "a\\u2028b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void controlAndFormatCharactersBecomeVisibleEscapes(String what, String raw, String shown) {
        assertThat(SafeText.escape(raw)).isEqualTo(shown);
    }

    @Test
    void commonWhitespaceAndTheBackslashHaveShortEscapes() {
        assertThat(SafeText.escape("a\nb\rc\td\\e")).isEqualTo("a\\nb\\rc\\td\\\\e");
        // Text that looks like an escape is told apart from one.
        assertThat(SafeText.escape("\\x1b")).isEqualTo("\\\\x1b");
    }

    @Test
    void printableTextIsReturnedAsItIsWithoutACopy() {
        String plain = "ingest-7.prod café 東京";
        assertThat(SafeText.escape(plain)).isSameAs(plain);
        assertThat(SafeText.escape("ship 🚀")).isEqualTo("ship 🚀");
        assertThat(SafeText.escape(null)).isEmpty();
    }

    @Test
    void invisibleTagCharactersOutsideTheBmpAreEscaped() {
        assertThat(SafeText.escape("a\uDB40\uDC41b")).isEqualTo("a\\U000e0041b");
        assertThat(SafeText.escape("x\uD800y")).isEqualTo("x\\ud800y");
    }

    @Test
    void aLongValueIsCutToTheWidthWithTheMark() {
        assertThat(SafeText.escape("abcdefgh", 8)).isEqualTo("abcdefgh");
        assertThat(SafeText.escape("abcdefghi", 8)).isEqualTo("abcdefg" + MARK);
        assertThat(SafeText.escape("abc", 1)).isEqualTo(MARK);
        assertThat(SafeText.escape("abc", 0)).isEmpty();
    }

    @Test
    void aCutNeverSplitsAnEscapeOrASurrogatePair() {
        // "ab\x1b..." : the escape does not fit whole, so it is left out entirely.
        assertThat(SafeText.escape("ab\u001bcdef", 5)).isEqualTo("ab" + MARK);
        assertThat(SafeText.escape("ab\u001bc", 7)).isEqualTo("ab\\x1bc");
        assertThat(SafeText.escape("abc🚀d", 5)).isEqualTo("abc" + MARK);
    }

    /** Regression: a 5 MB host made a 10 MB table row; escaping and cutting must cost the width, not the value. */
    @Test
    void aFiveMegabyteValueFullOfEscapesCostsOnlyTheWidth() {
        String huge = "\u001b[2J".repeat(1_300_000);

        String shown = SafeText.escape(huge, 255);

        assertThat(shown).hasSizeBetween(249, 255).startsWith("\\x1b[2J\\x1b[2J").endsWith(MARK)
                .doesNotContain("\u001b");
        assertThat(SafeText.escape("h".repeat(5_000_000), 255)).hasSize(255);
    }
}
