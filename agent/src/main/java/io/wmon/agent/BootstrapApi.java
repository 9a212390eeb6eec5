package io.wmon.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.logging.Logger;

/**
 * Puts {@code io.wmon.api} on the bootstrap class path.
 *
 * <p>An application loaded by a child class loader (a Spring Boot fat jar, a servlet container)
 * then resolves {@code io.wmon.api.WorkerStatus} to the same class as the agent, and its calls
 * reach the agent. Only the API package goes there, copied from the agent jar into a small
 * temporary jar, never the agent's own classes or its relocated libraries. Done once per JVM.
 */
final class BootstrapApi {

    private static final Logger LOG = Logger.getLogger("io.wmon.agent");
    private static final String API_PREFIX = "io/wmon/api/";

    private static boolean installed;

    private BootstrapApi() {
    }

    static synchronized void install(Instrumentation instrumentation) {
        if (installed || instrumentation == null) {
            return;
        }
        Path agentJar = agentJar();
        if (agentJar == null) {
            // Running from a class folder (tests): the API is on the class path already.
            installed = true;
            return;
        }
        try {
            Path apiJar = Files.createTempFile("wmon-api-", ".jar");
            apiJar.toFile().deleteOnExit();
            copyApiEntries(agentJar, apiJar);
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(apiJar.toFile()));
            installed = true;
        } catch (IOException | RuntimeException e) {
            LOG.warning("wmon agent: io.wmon.api stays on the application class path only ("
                    + e.getMessage() + "); WorkerStatus calls from child class loaders will not reach the agent");
        }
    }

    private static Path agentJar() {
        CodeSource source = BootstrapApi.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void copyApiEntries(Path agentJar, Path apiJar) throws IOException {
        try (JarFile in = new JarFile(agentJar.toFile());
                OutputStream file = Files.newOutputStream(apiJar);
                JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(API_PREFIX)) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    if (!entry.isDirectory()) {
                        try (InputStream body = in.getInputStream(entry)) {
                            body.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
