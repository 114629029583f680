package org.entente.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.entente.bench.report.RunConfig;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The options every scenario takes, mixed into each scenario command with {@code @Mixin}: where the server is, the
 * key to call it with and where to record the result. Scenarios that apply a load add {@link ClientOptions} and,
 * when they run for a time rather than through a fixed amount of work, {@link TimingOptions}.
 *
 * <p>The fields are not final because picocli injects them after construction; nothing else writes them.
 */
public final class CommonOptions {

    @Option(names = "--url", defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "Server base URL. Default: ${DEFAULT-VALUE}.")
    private URI url;

    // Never shown in the help: it is a secret.
    @Option(names = "--key", defaultValue = "${env:ENTENTE_BENCH_KEY}", showDefaultValue = Visibility.NEVER,
            paramLabel = "KEY", description = "API key sent as 'Authorization: Bearer KEY'. "
            + "Default: the ENTENTE_BENCH_KEY environment variable.")
    private String key;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    private Path json;

    public URI url() {
        return url;
    }

    /** The API key, absent when neither {@code --key} nor {@code ENTENTE_BENCH_KEY} gives a non-blank one. */
    public Optional<String> key() {
        return Optional.ofNullable(key).filter(value -> !value.isBlank());
    }

    /**
     * The API key.
     *
     * @throws ScenarioAbortedException if there is none
     */
    public String requireKey() {
        return key().orElseThrow(() -> new ScenarioAbortedException(
                "no API key: pass --key or set ENTENTE_BENCH_KEY"));
    }

    public Optional<Path> json() {
        return Optional.ofNullable(json);
    }

    /** The configuration to report for a run started at {@code startedAt}, before the scenario's parameters. */
    public RunConfig runConfig(Instant startedAt) {
        return RunConfig.of(url, startedAt);
    }
}
