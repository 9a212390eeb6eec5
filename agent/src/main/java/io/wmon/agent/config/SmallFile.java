package io.wmon.agent.config;

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

/**
 * Reads a small UTF-8 file named by a setting ({@code config}, {@code passwordFile}).
 *
 * <p>Only regular files are read, and at most a bounded number of bytes: a path such as
 * {@code /dev/zero} or a named pipe must not hang or exhaust the host JVM while the agent starts.
 * Errors name the path and why, never the contents.
 */
final class SmallFile {

    private static final String FORM = "the path of a readable file";

    private SmallFile() {
    }

    /** The text of the file {@code setting} names, strictly decoded as UTF-8. */
    static String read(Setting setting, int maxBytes) {
        Path path = setting.path();
        if (!Files.exists(path)) {
            throw setting.invalid("cannot be read (no such file)", FORM);
        }
        if (!Files.isRegularFile(path)) {
            throw setting.invalid("cannot be read (not a regular file)", FORM);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw setting.invalid("cannot be read (no such file)", FORM);
        } catch (AccessDeniedException e) {
            throw setting.invalid("cannot be read (permission denied)", FORM);
        } catch (IOException e) {
            throw setting.invalid("cannot be read (" + e.getClass().getSimpleName() + ")", FORM);
        }
        if (bytes.length > maxBytes) {
            throw setting.invalid("is larger than " + maxBytes + " bytes", FORM);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw setting.invalid("is not UTF-8 text", "a UTF-8 text file");
        }
    }
}
