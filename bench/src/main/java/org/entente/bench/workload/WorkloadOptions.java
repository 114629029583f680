package org.entente.bench.workload;

import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --seed} and {@code --run}, for the scenarios that send generated data. Mixed in with {@code @Mixin}.
 *
 * <p>The fields are not final because picocli injects them after construction; nothing else writes them.
 */
public final class WorkloadOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the generated data: the same seed and run tag send the same data. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--run", paramLabel = "TAG",
            description = "Run tag (1 to 16 lower-case letters or digits) namespacing every identifier, order and "
                    + "event id, so that runs against the same server never share a person. "
                    + "Default: derived from the start time.")
    private String run;

    public long seed() {
        return seed;
    }

    /**
     * The run tag: {@code --run}, or the start time in seconds written in base 36.
     *
     * @throws ParameterException a usage error, if {@code --run} is not a valid tag
     */
    public String run(Instant startedAt) {
        if (run == null) {
            return Long.toString(startedAt.getEpochSecond(), Character.MAX_RADIX);
        }
        if (!Population.RUN_TAG.matcher(run).matches()) {
            throw new ParameterException(mixee.commandLine(),
                    "--run must be 1 to 16 lower-case letters or digits, not '" + run + "'");
        }
        return run;
    }

    /** The people of this run. */
    public Population population(Instant startedAt) {
        return new Population(seed, run(startedAt));
    }
}
