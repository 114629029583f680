package org.entente.bench;

import picocli.CommandLine.IVersionProvider;

/** The version written in the jar's manifest by the build. */
final class BenchVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = EntenteBench.class.getPackage().getImplementationVersion();
        return new String[] {"entente-bench " + (version == null ? "(development build)" : version)};
    }
}
