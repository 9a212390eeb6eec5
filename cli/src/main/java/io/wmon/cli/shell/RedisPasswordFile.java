package io.wmon.cli.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The Redis password from {@code wmon --password-file FILE} (or the sentinels' from
 * {@code --sentinel-password-file FILE}), read by the agent's {@code passwordFile} rules: UTF-8 text of
 * at most {@value #MAX_BYTES} bytes, one trailing line break ({@code \n} or {@code \r\n}) removed,
 * everything else (spaces too) part of the password.
 *
 * <p>Not {@code jmx --password-file}, which holds a JMX password.
 */
final class RedisPasswordFile {

    /** The agent's limit for {@code passwordFile}: 4 KiB. */
    static final int MAX_BYTES = 4096;

    private RedisPasswordFile() {
    }

    /** The file of {@code --password-file}: the Redis password. */
    static String read(Path file, CommandLine command) {
        return read(file, "--password-file", "the Redis password", command);
    }

    /**
     * @param flag the flag that named the file, for the usage error
     * @param holds what the file should hold, e.g. {@code the sentinels' password}
     * @param command the root command, for the usage error
     * @throws ParameterException (a usage error, exit 2) naming the file and what is wrong, never its contents
     */
    static String read(Path file, String flag, String holds, CommandLine command) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw unusable(command, flag, holds, file, "cannot be read (no such file)");
        } catch (AccessDeniedException e) {
            throw unusable(command, flag, holds, file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw unusable(command, flag, holds, file, "cannot be read (" + (Files.isDirectory(file) ? "a directory"
                    : e.getClass().getSimpleName()) + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw unusable(command, flag, holds, file, "is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw unusable(command, flag, holds, file, "is not UTF-8 text");
        }
        // Editors and `echo` end the file with a line break that is not part of the password.
        int newline = text.endsWith("\r\n") ? 2 : text.endsWith("\n") ? 1 : 0;
        String password = text.substring(0, text.length() - newline);
        if (password.isEmpty()) {
            throw unusable(command, flag, holds, file, "is empty");
        }
        return password;
    }

    private static ParameterException unusable(CommandLine command, String flag, String holds, Path file, String what) {
        return new ParameterException(command, flag + " " + file + " " + what
                + "; it should hold " + holds + " (UTF-8, at most " + MAX_BYTES + " bytes)");
    }
}
