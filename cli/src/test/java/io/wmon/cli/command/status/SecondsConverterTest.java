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
    @ValueSource(strings = {"0", "-1", "0.0001", "abc", "", "5s", "86401", "1e9"})
    void rejectsTheRest(String text) {
        assertThatThrownBy(() -> new SecondsConverter().convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
