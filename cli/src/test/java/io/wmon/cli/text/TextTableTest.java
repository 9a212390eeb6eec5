package io.wmon.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.text.TextTable.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells are escaped and bounded everywhere; a narrow terminal gives up the least important columns first. */
class TextTableTest {

    private static final List<Column> COLUMNS = List.of(
            Column.text("ID", 16).onScreen(10, 4).keep(9),
            Column.text("HOST", 64).onScreen(12, 4).keep(2),
            Column.number("N", 5).keep(1),
            Column.text("NOTE", 40).onScreen(20, 6).keep(8));

    private static TextTable table() {
        TextTable table = new TextTable(COLUMNS);
        table.add(null, "worker-1", "node-1.example.internal", "12345", "breaker OPEN");
        table.add(null, "worker-2", "h\u001b]0;t\u0007", "1", "");
        return table;
    }

    @Test
    void cellsAreEscapedAndCutAtTheirMaximumEvenOnAPipe() {
        TextTable table = new TextTable(COLUMNS);
        table.add(null, "x".repeat(100), "\u001b[2J" + "h".repeat(1_000), "1", "");

        List<String> lines = table.render(TextTable.UNLIMITED);

        assertThat(lines.get(1)).contains("x".repeat(15) + SafeText.CUT_MARK).contains("\\x1b[2J")
                .doesNotContain("\u001b").hasSizeLessThan(16 + 2 + 64 + 2 + 1 + 1);
    }

    @Test
    void aWideTerminalShowsEveryColumn() {
        assertThat(table().render(80).get(0)).isEqualTo("ID        HOST              N  NOTE");
    }

    @Test
    void aNarrowTerminalDropsTheLeastImportantColumnsBeforeCuttingTheImportantOnes() {
        List<String> lines = table().render(24);

        // N (rank 1) goes first, then HOST (rank 2) is shrunk and, as that is not enough, dropped.
        assertThat(lines.get(0)).isEqualTo("ID        NOTE");
        assertThat(lines.get(1)).isEqualTo("worker-1  breaker OPEN");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(24));
    }

    @Test
    void aColumnIsShrunkRatherThanDroppedWhenThatIsEnough() {
        List<String> lines = table().render(32);

        // N is a number: dropped, not shrunk; then HOST is shrunk to what is left.
        assertThat(lines.get(0)).isEqualTo("ID        HOST      NOTE");
        assertThat(lines.get(1)).isEqualTo("worker-1  node-1." + SafeText.CUT_MARK + "  breaker OPEN");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(32));
    }
}
