package org.entente.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.entente.bench.load.LoadSettings;
import org.entente.bench.report.RunConfig;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every scenario takes, mixed into each scenario command with {@code @Mixin}.
 *
 * <p>The fields are not final because picocli injects them after construction; nothing else writes them.
 */
public final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--url", defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "Server base URL. Default: ${DEFAULT-VALUE}.")
    private URI url;

    // Never shown in the help: it is a secret.
    @Option(names = "--key", defaultValue = "${env:ENTENTE_BENCH_KEY}", showDefaultValue = Visibility.NEVER,
            paramLabel = "KEY", description = "API key sent as 'Authorization: Bearer KEY'. "
            + "Default: the ENTENTE_BENCH_KEY environment variable.")
    private String key;

    @Option(names = "--clients", defaultValue = "16", paramLabel = "N",
            description = "Concurrent clients, each sending its next request as soon as the last one is answered. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Measured time per target, after the warm-up: seconds (30), 500ms, 30s, 2m or ISO-8601 "
                    + "(PT30S). Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load sent before measuring each target, excluded from the figures. "
                    + "Default: ${DEFAULT-VALUE}.")
    private Duration warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    private Path json;

    public URI url() {
        return url;
    }

    /** The API key, absent when neither {@code --key} nor {@code ENTENTE_BENCH_KEY} gives a non-blank one. */
    public Optional<String> key() {
        return Optional.ofNullable(key).filter(value -> !value.isBlank());
    }

    public Optional<Path> json() {
        return Optional.ofNullable(json);
    }

    /**
     * The load to apply to each target.
     *
     * @throws ParameterException a usage error, if an option is out of range
     */
    public LoadSettings loadSettings() {
        if (clients < 1) {
            throw new ParameterException(mixee.commandLine(), "--clients must be at least 1, not " + clients);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new ParameterException(mixee.commandLine(), "--duration must be positive, not " + duration);
        }
        if (warmup.isNegative()) {
            throw new ParameterException(mixee.commandLine(), "--warmup must not be negative, not " + warmup);
        }
        return new LoadSettings(clients, warmup, duration);
    }

    /** The configuration to report, for a run started at {@code startedAt}. */
    public RunConfig runConfig(Instant startedAt) {
        var settings = loadSettings();
        return new RunConfig(url, settings.clients(), settings.duration(), settings.warmup(), startedAt);
    }
}
