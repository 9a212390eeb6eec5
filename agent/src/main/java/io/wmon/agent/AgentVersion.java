package io.wmon.agent;

/** The agent's version, from the jar manifest's {@code Implementation-Version}. */
final class AgentVersion {

    private AgentVersion() {
    }

    /** The version, or {@code "dev"} when running from classes outside the built jar. */
    static String current() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
