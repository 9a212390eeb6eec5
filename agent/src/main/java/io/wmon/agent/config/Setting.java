package io.wmon.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One effective key-value pair, with where it came from; converts its value to what the key needs
 * or explains, in one line ({@code key='value' <problem>; use <form>}), why it cannot.
 */
final class Setting {

    private static final String DURATION_FORM = "e.g. 500ms, 5s, 2m";
    private static final String PORTS_FORM = "e.g. 6379+6380 (ports 1..65535 joined with '+')";
    private static final String FILE_FORM = "the path of a readable file";
    /** More ports than this is a mistake, not a census. */
    private static final int MAX_PORTS = 64;

    private final OptionKey key;
    private final String value;
    private final String where;

    /**
     * @param value the value, trimmed, never empty
     * @param where appended to an error: empty for the option string, else e.g. {@code " (in config file F)"}
     */
    Setting(OptionKey key, String value, String where) {
        this.key = key;
        this.value = value;
        this.where = where;
    }

    String value() {
        return value;
    }

    /** The key as written, e.g. {@code tlsKeyStore}. */
    String keyName() {
        return key.key();
    }

    /** Where the value came from, as appended to an error message. */
    String where() {
        return where;
    }

    /** An error of the form {@code key='value' <problem>; use <form>}, plus where the value came from. */
    AgentConfigException invalid(String problem, String form) {
        return new AgentConfigException(key.key() + "=" + ShownValue.quoted(key, value) + " " + problem
                + "; use " + form + where);
    }

    /** The value as a whole decimal number in {@code min..max}. */
    int integer(int min, int max) {
        String form = "a number in " + min + ".." + max;
        if (!isDigits(value)) {
            throw invalid("is not a whole number", form);
        }
        long n = value.length() > 10 ? Long.MAX_VALUE : Long.parseLong(value);
        if (n < min || n > max) {
            throw invalid("is out of range", form);
        }
        return (int) n;
    }

    /** The value {@code true} or {@code false}, exactly. */
    boolean bool() {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid("is not a boolean", "true or false");
    }

    /** The value {@code start} or {@code stop}. */
    Mode mode() {
        Mode mode = Mode.fromOptionValue(value);
        if (mode == null) {
            throw invalid("is not a mode", Mode.START.optionValue() + " or " + Mode.STOP.optionValue());
        }
        return mode;
    }

    /**
     * The value as a duration in {@code min..max}: a whole number and a unit, {@code ms}, {@code s},
     * {@code m} or {@code h}. A bare number is refused rather than read as seconds:
     * {@code interval=500} meant as milliseconds would otherwise quietly become a beat every 8 minutes.
     */
    Duration duration(Duration min, Duration max) {
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == value.length() && digits > 0) {
            throw invalid("has no unit", DURATION_FORM);
        }
        String unit = value.substring(digits);
        if (digits == 0 || digits > 9 || !(unit.equals("ms") || unit.equals("s") || unit.equals("m")
                || unit.equals("h"))) {
            throw invalid("is not a duration", DURATION_FORM);
        }
        long amount = Long.parseLong(value.substring(0, digits));
        Duration d = unit.equals("ms") ? Duration.ofMillis(amount)
                : unit.equals("s") ? Duration.ofSeconds(amount)
                : unit.equals("m") ? Duration.ofMinutes(amount)
                : Duration.ofHours(amount);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid("is out of range", "a duration in " + format(min) + ".." + format(max));
        }
        return d;
    }

    /** {@code d} as a duration is written, in the largest unit that is exact: {@code 90s}, {@code 2m}, {@code 1500ms}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * The value as TCP ports joined with {@code +} ({@code 6379+6380}; {@code ,} separates options,
     * and {@code +} needs no quoting in a shell), sorted, duplicates merged, spaces around a port ignored.
     */
    Set<Integer> ports() {
        String[] parts = value.split("\\+", -1); // a one-character pattern: String.split needs no regex
        if (parts.length > MAX_PORTS) {
            throw invalid("lists more than " + MAX_PORTS + " ports", PORTS_FORM);
        }
        Set<Integer> ports = new TreeSet<>();
        for (String part : parts) {
            String port = part.trim();
            if (port.isEmpty()) {
                throw invalid("has an empty entry", PORTS_FORM);
            }
            if (!isDigits(port)) {
                throw invalid("is not a list of ports", PORTS_FORM);
            }
            int n = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
            if (n < 1 || n > 65_535) {
                throw invalid("has a port out of range", PORTS_FORM);
            }
            ports.add(n);
        }
        return Collections.unmodifiableSet(ports);
    }

    /** The value as a file system path, relative ones resolved against the working directory. */
    Path path() {
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw invalid("is not a valid path", FILE_FORM);
        }
    }

    /**
     * The text of the file the value names, strictly decoded as UTF-8. Only a regular file of at most
     * {@code maxBytes} is read, so that {@code /dev/zero} or a named pipe cannot hang or exhaust the
     * host JVM while the agent starts. Errors name the path and why, never the contents.
     */
    String fileText(int maxBytes) {
        Path path = path();
        if (!Files.exists(path)) {
            throw invalid("cannot be read (no such file)", FILE_FORM);
        }
        if (!Files.isRegularFile(path)) {
            throw invalid("cannot be read (not a regular file)", FILE_FORM);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw invalid("cannot be read (no such file)", FILE_FORM);
        } catch (AccessDeniedException e) {
            throw invalid("cannot be read (permission denied)", FILE_FORM);
        } catch (IOException e) {
            throw invalid("cannot be read (" + e.getClass().getSimpleName() + ")", FILE_FORM);
        }
        if (bytes.length > maxBytes) {
            throw invalid("is larger than " + maxBytes + " bytes", FILE_FORM);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("is not UTF-8 text", "a UTF-8 text file");
        }
    }

    /**
     * The secret held by the file the value names: its text without one trailing line break
     * ({@code echo} and editors add one that is not part of the password). Never shown.
     *
     * @param form what the file should hold, for the error when it is empty
     */
    String secretText(int maxBytes, String form) {
        String text = fileText(maxBytes);
        int newline = text.endsWith("\r\n") ? 2 : text.endsWith("\n") ? 1 : 0;
        text = text.substring(0, text.length() - newline);
        if (text.isEmpty()) {
            throw invalid("is empty", form);
        }
        return text;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
