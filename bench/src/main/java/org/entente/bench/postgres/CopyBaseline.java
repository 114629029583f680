package org.entente.bench.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.report.Measurement;
import org.entente.bench.report.Metric;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's own ingestion ceiling: {@code COPY ... FROM STDIN} of a CSV file into a bare table (no key, no
 * index, a normal logged table), committed, the way the design's reference figures were taken with {@code \copy}.
 * Only the COPY is timed: the file is written beforehand and the table is created before and dropped after.
 */
public final class CopyBaseline {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int COPY_BUFFER = 1 << 16;

    private final String url;
    private final String user;
    private final String password;

    CopyBaseline(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String url() {
        return url;
    }

    /**
     * Connects once, so that a wrong URL or password stops the scenario before it sends anything.
     *
     * @throws ScenarioAbortedException if the database cannot be reached
     */
    public void check() {
        try (var connection = connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new ScenarioAbortedException("cannot connect to PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code table} with {@code columns} (SQL column definitions), copies {@code csv} into it (a CSV file
     * whose first row is a header) and drops it again, replacing a table of that name left by an interrupted run.
     *
     * @param table   a table name of lower-case letters, digits and underscores
     * @param columns the column definitions, e.g. {@code id text, occurred_at timestamptz}
     * @throws ScenarioAbortedException if the database refuses any step
     */
    public CopyResult copy(String table, String columns, Path csv) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (" + columns + ")");
            try (var in = new BufferedInputStream(Files.newInputStream(csv), COPY_BUFFER)) {
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long begin = System.nanoTime();
                long rows = copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv, HEADER true)", in, COPY_BUFFER);
                var elapsed = Duration.ofNanos(System.nanoTime() - begin);
                return new CopyResult(table, rows, elapsed);
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (SQLException e) {
            throw new ScenarioAbortedException("the COPY baseline failed on " + url + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private Connection connect() throws SQLException {
        // Auto-commit: the COPY is committed, hence durable, when copyIn returns, like an acknowledged batch.
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * What a COPY did.
     *
     * @param table   the table copied into
     * @param rows    rows copied, as PostgreSQL counted them
     * @param elapsed time of the COPY alone
     */
    public record CopyResult(String table, long rows, Duration elapsed) {

        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds == 0 ? 0 : rows / seconds;
        }

        /** The baseline as reports show it; its throughput is {@code copyRowsPerSecond}. */
        public Measurement measurement() {
            return new Measurement("COPY " + table, "copyRowsPerSecond", List.of(
                    Metric.rate("copyRowsPerSecond", "rows/s", rowsPerSecond()),
                    Metric.count("rows", "rows", rows),
                    Metric.seconds("elapsedSeconds", "seconds", elapsed.toNanos() / 1e9)));
        }
    }
}
