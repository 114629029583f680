package org.entente.bench.postgres;

import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --pg-url}, {@code --pg-user} and {@code --pg-password}: the database of the COPY baseline. Mixed in with
 * {@code @Mixin}.
 *
 * <p>The fields are not final because picocli injects them after construction; nothing else writes them.
 */
public final class PostgresOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--pg-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL database for the raw baseline, a COPY of the same rows into a bare table "
                    + "created and dropped by the run, e.g. jdbc:postgresql://127.0.0.1:5432/entente_test. "
                    + "Without it the baseline is skipped and the report has no ratio.")
    private String url;

    @Option(names = "--pg-user", defaultValue = "postgres", paramLabel = "USER",
            description = "PostgreSQL user. Default: ${DEFAULT-VALUE}.")
    private String user;

    // Never shown in the help: it is a secret.
    @Option(names = "--pg-password", defaultValue = "${env:ENTENTE_BENCH_PG_PASSWORD:-postgres}",
            showDefaultValue = Visibility.NEVER, paramLabel = "PASSWORD",
            description = "PostgreSQL password. Default: the ENTENTE_BENCH_PG_PASSWORD environment variable, "
                    + "else postgres.")
    private String password;

    /**
     * The baseline to measure, absent without {@code --pg-url}.
     *
     * @throws ParameterException a usage error, if {@code --pg-url} is not a PostgreSQL JDBC URL
     */
    public Optional<CopyBaseline> baseline() {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(mixee.commandLine(),
                    "--pg-url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE), not " + url);
        }
        return Optional.of(new CopyBaseline(url, user, password));
    }
}
