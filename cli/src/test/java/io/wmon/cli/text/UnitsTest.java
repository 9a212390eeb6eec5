package io.wmon.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({"-1,-", "0,0.0s", "400,0.4s", "9999,10.0s", "10000,10s", "59999,59s", "60000,1m00s",
        "3599000,59m59s", "3600000,1h00m", "86400000,1d00h", "90061000,1d01h"})
    void ages(long millis, String shown) {
        assertThat(Units.age(millis)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({"-1,-", "0,0us", "350,350us", "9999,9999us", "10000,10ms", "1234567,1234ms"})
    void roundTrips(long micros, String shown) {
        assertThat(Units.micros(micros)).isEqualTo(shown);
    }
}
