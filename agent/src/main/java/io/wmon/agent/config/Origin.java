package io.wmon.agent.config;

/** Where a setting came from, so that an error about it says where to fix it. */
final class Origin {

    /** The option string ({@code -javaagent:wmon-agent.jar=...} or {@code wmon attach}); needs no mention. */
    static final Origin OPTIONS = new Origin("");

    private final String suffix;

    private Origin(String suffix) {
        this.suffix = suffix;
    }

    static Origin configFile(String path) {
        return new Origin(" (in config file " + ShownValue.text(path) + ")");
    }

    static Origin environment(String variable) {
        return new Origin(" (from environment variable " + variable + ")");
    }

    /** Appended to an error message: empty for options, else e.g. {@code " (in config file /etc/wmon.properties)"}. */
    String suffix() {
        return suffix;
    }
}
