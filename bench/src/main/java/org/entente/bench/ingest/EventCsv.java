package org.entente.bench.ingest;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.entente.bench.http.Json;

/**
 * Writes events as the rows of the COPY baseline's bare table, in CSV with a header:
 * {@code id, type, channel, occurred_at, identifiers (JSON), properties (JSON)}.
 */
final class EventCsv {

    /** The baseline table's columns, in the order of the CSV. */
    static final String COLUMNS = "id text, type text, channel text, occurred_at timestamptz, identifiers jsonb, "
            + "properties jsonb";

    private EventCsv() {
    }

    /** Writes every event of the generator's plan to {@code file}, replacing it. */
    static void write(EventGenerator generator, Path file) throws IOException {
        try (var csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            csv.writeRecord("id", "type", "channel", "occurred_at", "identifiers", "properties");
            long events = generator.plan().events();
            for (long number = 0; number < events; number++) {
                var event = generator.event(number);
                csv.writeRecord(event.id(), event.type().wireName(), event.channel(), event.occurredAt().toString(),
                        Json.MAPPER.writeValueAsString(event.identifiers()),
                        Json.MAPPER.writeValueAsString(event.properties()));
            }
        }
    }
}
