package io.wmon.cli.command.jmx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Reads a JMX password from a file, so that it appears neither in the command line nor in the
 * shell history. The first line is the password; a trailing line break is not part of it.
 */
final class PasswordFile {

    private static final long MAX_BYTES = 4096;

    private PasswordFile() {
    }

    /**
     * @param command the command whose {@code --password-file} this is
     * @throws ParameterException (a usage error) when the file cannot be read or is empty; the
     *     message names the file, never its contents
     */
    static String read(Path file, CommandLine command) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ParameterException(command,
                        "password file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new ParameterException(command, "password file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new ParameterException(command,
                    "cannot read password file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
