package io.wmon.cli.command.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a number of seconds from {@value #MIN} to {@value #MAX_SECONDS}, decimals allowed
 * ({@code 5}, {@code 0.5}, {@code 0.01}), into a {@link Duration} of whole milliseconds; anything else
 * is a usage error (exit 2) that gives the accepted range.
 *
 * <p>The range is checked on the decimal number as typed, before any conversion, so that a huge
 * value ({@code 1e309}, {@code 9223372036854775807}) is reported as too large rather than
 * overflowing into a small or negative one.
 */
public final class SecondsConverter implements ITypeConverter<Duration> {

    /** One day: longer values are almost certainly a unit mistake (milliseconds typed as seconds). */
    static final long MAX_SECONDS = 86_400;
    /** One millisecond, the resolution of every interval wmon uses. */
    static final String MIN = "0.001";

    private static final BigDecimal HIGHEST = BigDecimal.valueOf(MAX_SECONDS);
    private static final String RANGE = ": give " + MIN + " to " + MAX_SECONDS + " seconds, decimals allowed";

    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds" + RANGE);
        }
        if (seconds.compareTo(HIGHEST) > 0) {
            throw new TypeConversionException("'" + value + "' is too long" + RANGE);
        }
        // Rounded to whole milliseconds: 0.0004 is 0 ms, too short; 0.0005 is 1 ms.
        long millis = seconds.signum() <= 0 ? 0 : seconds.setScale(3, RoundingMode.HALF_UP).movePointRight(3)
                .longValueExact();
        if (millis < 1) {
            throw new TypeConversionException("'" + value + "' is too short" + RANGE);
        }
        return Duration.ofMillis(millis);
    }
}
