package io.wmon.cli.jvm;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a jar that ships with the CLI: the agent jar, the example worker.
 *
 * <p>Looks next to the running CLI first ({@code wmon.jar}'s directory, or the class folder when
 * run from an IDE or a test), then in the source tree: from that directory upwards, at most
 * {@value #MAX_LEVELS} levels, for {@code <module>/target/<file>}. So an installation with
 * {@code lib/wmon.jar} and {@code lib/wmon-agent.jar} works, and so does {@code cli/target/wmon.jar}
 * beside {@code agent/target/wmon-agent.jar} in a built checkout.
 */
public final class InstalledArtifact {

    private static final int MAX_LEVELS = 4;

    private final String fileName;
    private final String module;

    /**
     * @param fileName the jar's name when installed, e.g. {@code wmon-agent.jar}
     * @param module the source-tree module that builds it into its {@code target}, e.g. {@code agent}
     */
    public InstalledArtifact(String fileName, String module) {
        this.fileName = fileName;
        this.module = module;
    }

    /** The artifact for the running CLI, if one of the {@linkplain #candidates places} holds it. */
    public Optional<Path> find() {
        return cliLocation().flatMap(this::findFrom);
    }

    /** The artifact seen from {@code cliLocation} (the CLI's jar or class folder). */
    Optional<Path> findFrom(Path cliLocation) {
        return candidates(cliLocation).stream().filter(Files::isRegularFile).findFirst()
                .map(p -> p.toAbsolutePath().normalize());
    }

    /** Every place looked at, in order, for the "not found" message. */
    public List<Path> candidates() {
        return cliLocation().map(this::candidates).orElse(List.of());
    }

    List<Path> candidates(Path cliLocation) {
        List<Path> places = new ArrayList<>();
        Path dir = Files.isDirectory(cliLocation) ? cliLocation : cliLocation.getParent();
        if (dir == null) {
            return places;
        }
        places.add(dir.resolve(fileName));
        for (int level = 0; dir != null && level < MAX_LEVELS; level++, dir = dir.getParent()) {
            places.add(dir.resolve(module).resolve("target").resolve(fileName));
        }
        return places;
    }

    /** The running CLI's jar, or its class folder; empty when the JVM does not say. */
    static Optional<Path> cliLocation() {
        // This class ships in the CLI's jar (or class folder), so its code source is the CLI's.
        CodeSource source = InstalledArtifact.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return fileName;
    }
}
