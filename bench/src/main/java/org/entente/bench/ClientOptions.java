package org.entente.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --clients}, for the scenarios that apply a closed-loop load. Mixed in with {@code @Mixin}.
 *
 * <p>The fields are not final because picocli injects them after construction; nothing else writes them.
 */
public final class ClientOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--clients", defaultValue = "16", paramLabel = "N",
            description = "Concurrent clients, each sending its next request as soon as the last one is answered. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int clients;

    /**
     * How many clients to run.
     *
     * @throws ParameterException a usage error, if it is less than 1
     */
    public int clients() {
        if (clients < 1) {
            throw new ParameterException(mixee.commandLine(), "--clients must be at least 1, not " + clients);
        }
        return clients;
    }
}
