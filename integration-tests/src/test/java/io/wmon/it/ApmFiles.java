package io.wmon.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The monitoring tools' files the module's pom passes to the tests as system properties: the tools'
 * jars, which it copies from Maven Central into {@code target/apm}, and the configurations of
 * {@code docs/apm/} under test.
 */
final class ApmFiles {

    private ApmFiles() {
    }

    /** The file {@code property} names, absolute; fails when it is not set or there is no such file. */
    static Path existing(String property) {
        Path file = Path.of(Objects.requireNonNull(System.getProperty(property), property + " is not set")).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist (" + property + "); run the integration-tests "
                    + "build, which copies the tools' jars into target/apm and names the files of docs/apm");
        }
        return file;
    }
}
