package io.wmon.cli.shell;

import picocli.CommandLine.IVersionProvider;

/** {@code wmon --version}: the version from the jar manifest. */
final class WmonVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = WmonVersion.class.getPackage().getImplementationVersion();
        return new String[] {"wmon " + (version == null ? "dev" : version)};
    }
}
