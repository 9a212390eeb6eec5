package io.wmon.cli.command.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class SecondsConverterTest {

    @ParameterizedTest
    @CsvSource({"5,5000", "0.5,500", "0.01,10", "0.001,1", "1.0004,1000", "86400,86400000", " 2 ,2000"})
    void acceptsPositiveSecondsWithDecimals(String text, long millis) {
        assertThat(new SecondsConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.0001", "abc", "", "5s", "86401", "1e9", "NaN", "-1e309"})
    void rejectsTheRestGivingTheAcceptedRange(String text) {
        assertThatThrownBy(() -> new SecondsConverter().convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'" + text + "' is ").hasMessageEndingWith(": give 0.001 to 86400 seconds, "
                        + "decimals allowed");
    }

    /** Regression: these overflowed a long and were reported as "must be at least 0.001 seconds". */
    @ParameterizedTest
    @ValueSource(strings = {"1e309", "9223372036854775807", "1e999999999"})
    void aHugeValueIsTooLargeNotTooSmall(String text) {
        assertThatThrownBy(() -> new SecondsConverter().convert(text))
                .hasMessageStartingWith("'" + text + "' is too long: give 0.001 to 86400 seconds");
    }
}
