package org.entente.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.entente.bench.EntenteBench;
import org.entente.bench.FakeEntente;
import org.entente.bench.workload.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ImportScenarioTest {

    private static final String KEY = "test-key-123";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void uploadsAGeneratedFileFollowsTheImportAndWritesTheJsonReport() throws Exception {
        Path json = dir.resolve("import.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--rows", "2000", "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.importedRows()).isEqualTo(2000);
            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(names(report)).containsExactly("scenario", "config", "metrics");
            assertThat(report.get("scenario").asString()).isEqualTo("import");
            assertThat(report.get("config").get("rows").asLong()).isEqualTo(2000);
            JsonNode metrics = report.get("metrics");
            assertThat(names(metrics)).contains("name", "rowsPerSecond", "serverRowsPerSecond", "rowsAccepted",
                    "rowsRejected");
            assertThat(metrics.get("rowsPerSecond").asDouble()).isPositive();
            assertThat(metrics.get("rowsAccepted").asLong()).isEqualTo(2000);
            assertThat(metrics.get("rowsRejected").asLong()).isZero();
        }
        // The generated file is temporary.
        assertThat(err.toString()).containsPattern("writing 2000 rows to (\\S+)");
        var file = err.toString().replaceAll("(?s).*writing 2000 rows to (\\S+).*", "$1");
        assertThat(Path.of(file)).doesNotExist();
        assertThat(out.toString()).contains("rows/s", "no baseline measured");
    }

    @Test
    void uploadsAGivenFileAndLeavesItInPlace() throws Exception {
        Path csv = dir.resolve("given.csv");
        TransactionsCsv.write(csv, new Population(9, "given"), 9, 300, Instant.now());
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--csv", csv.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.importedRows()).isEqualTo(300);
        }
        assertThat(csv).exists();
    }

    @Test
    void rejectedRowsFailTheRun() throws Exception {
        try (var server = FakeEntente.withKey(KEY).rejectingRowsEvery(100)) {
            int exitCode = run(server, "--rows", "1000");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
        }
        assertThat(out.toString()).contains("FAILED: the server rejected 10 rows");
    }

    private int run(FakeEntente server, String... more) {
        var args = new ArrayList<>(List.of("import", "--url", server.url().toString(), "--key", KEY,
                "--poll", "20ms", "--seed", "4", "--run", "test2"));
        args.addAll(List.of(more));
        return EntenteBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
