package io.wmon.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.logging.Logger;

/**
 * Puts {@code io.wmon.api} on the bootstrap class path.
 *
 * <p>An application loaded by a child class loader (a Spring Boot fat jar, a servlet container)
 * then resolves {@code io.wmon.api.WorkerStatus} to the same class as the agent, and its calls
 * reach the agent. Only the API goes there — the small {@code wmon-api.jar} the build embeds in the
 * agent jar as {@code META-INF/wmon/wmon-api.jar} — never the agent's own classes or its relocated
 * libraries. It is copied to a new file in the temporary folder (created exclusively, so that no
 * file planted there beforehand is ever put on the bootstrap class path) and deleted at exit.
 * Done once per JVM.
 */
final class BootstrapApi {

    static final String RESOURCE = "/META-INF/wmon/wmon-api.jar";

    private static boolean installed;

    private BootstrapApi() {
    }

    static synchronized void install(Instrumentation instrumentation) {
        if (installed || instrumentation == null) {
            return;
        }
        try (InputStream api = BootstrapApi.class.getResourceAsStream(RESOURCE)) {
            if (api == null) {
                // Running from class folders (the agent's own tests): the API is on the class path already.
                installed = true;
                return;
            }
            Path copy = newFile();
            Files.copy(api, copy);
            copy.toFile().deleteOnExit();
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(copy.toFile()));
            installed = true;
        } catch (IOException | RuntimeException e) {
            Logger.getLogger("io.wmon.agent").warning("wmon agent: io.wmon.api stays on the application class path only ("
                    + e.getMessage() + "); WorkerStatus calls from child class loaders will not reach the agent");
        }
    }

    /**
     * A name no other file has: {@code Files.createTempFile} would seed a {@code SecureRandom},
     * which costs tens of milliseconds on the JVM's start-up path; the pid and the clock are unique
     * enough, and {@code Files.copy} refuses a name that exists.
     */
    private static Path newFile() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 10; attempt++) {
            Path candidate = dir.resolve("wmon-api-" + pid + "-" + System.nanoTime() + ".jar");
            if (!Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        throw new FileAlreadyExistsException(dir.toString(), null, "no free name for the API jar");
    }
}
