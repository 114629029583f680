package org.entente.bench;

import java.time.Duration;
import org.entente.bench.load.LoadSettings;
import org.entente.bench.report.RunConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --duration} and {@code --warmup}, for the scenarios that load a target for a time. Mixed in with
 * {@code @Mixin}, beside {@link ClientOptions}.
 *
 * <p>The fields are not final because picocli injects them after construction; nothing else writes them.
 */
public final class TimingOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Measured time per target, after the warm-up: seconds (30), 500ms, 30s, 2m or ISO-8601 "
                    + "(PT30S). Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load sent before measuring each target, excluded from the figures. "
                    + "Default: ${DEFAULT-VALUE}.")
    private Duration warmup;

    /**
     * The load to apply to each target with this many clients.
     *
     * @throws ParameterException a usage error, if an option is out of range
     */
    public LoadSettings loadSettings(int clients) {
        if (duration.isZero() || duration.isNegative()) {
            throw new ParameterException(mixee.commandLine(), "--duration must be positive, not " + duration);
        }
        if (warmup.isNegative()) {
            throw new ParameterException(mixee.commandLine(), "--warmup must not be negative, not " + warmup);
        }
        return new LoadSettings(clients, warmup, duration);
    }

    /** {@code config} with the clients, duration and warm-up of {@code settings}. */
    public static RunConfig describe(RunConfig config, LoadSettings settings) {
        return config.with("clients", settings.clients())
                .withSeconds("durationSeconds", settings.duration())
                .withSeconds("warmupSeconds", settings.warmup());
    }
}
