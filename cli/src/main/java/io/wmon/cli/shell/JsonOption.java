package io.wmon.cli.shell;

import picocli.CommandLine.Option;

/** The {@code --json} flag shared by every command that prints data. */
public final class JsonOption {

    @Option(names = "--json", description = "Print JSON instead of a table (documented in docs/cli.md).")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
