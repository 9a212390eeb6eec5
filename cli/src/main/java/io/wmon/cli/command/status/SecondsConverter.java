package io.wmon.cli.command.status;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a positive number of seconds, decimals allowed ({@code 5}, {@code 0.5}, {@code 0.01}),
 * into a {@link Duration} of whole milliseconds; anything else is a usage error (exit 2).
 */
public final class SecondsConverter implements ITypeConverter<Duration> {

    /** One day: longer values are almost certainly a unit mistake (milliseconds typed as seconds). */
    static final long MAX_SECONDS = 86_400;

    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        long millis = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        if (seconds.signum() <= 0 || millis < 1) {
            throw new TypeConversionException("'" + value + "' must be at least 0.001 seconds");
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            throw new TypeConversionException("'" + value + "' is more than " + MAX_SECONDS + " seconds");
        }
        return Duration.ofMillis(millis);
    }
}
