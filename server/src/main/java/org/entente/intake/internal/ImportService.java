package org.entente.intake.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import jakarta.annotation.PreDestroy;
import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.entente.platform.PlatformProperties;
import org.entente.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * CSV imports. The upload is written to {@code <data-dir>/imports} before it is acknowledged, then read in the
 * background, one import at a time, in chunks that go through the same checks and the same recording as the events
 * API. An import interrupted by a stop starts again from its first row when the server starts: rows already
 * recorded are duplicates, so nothing is counted twice.
 */
@Service
public class ImportService {

    /** Events per recording transaction. */
    static final int CHUNK = 500;

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final ImportStore store;
    private final EventValidator validator;
    private final IngestService ingest;
    private final EventJson json;
    private final AuditLog audit;
    private final Path directory;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("entente-import").daemon().factory());

    ImportService(ImportStore store, EventValidator validator, IngestService ingest, EventJson json, AuditLog audit,
                  PlatformProperties platform) {
        this.store = store;
        this.validator = validator;
        this.ingest = ingest;
        this.json = json;
        this.audit = audit;
        this.directory = platform.dataDir().resolve("imports");
    }

    /**
     * Stores the upload and queues it. Answers once the file is on disk and the import is recorded.
     *
     * @throws ProblemException.BadRequest when the body is empty
     */
    public ImportStatus start(ImportKind kind, InputStream body) {
        UUID id = ids.generate();
        Path file = fileOf(id);
        long bytes;
        try {
            Files.createDirectories(directory);
            bytes = Files.copy(body, file);
        } catch (IOException e) {
            delete(file);
            throw new DataAccessResourceFailureException("cannot store the upload: " + e.getMessage(), e);
        }
        if (bytes == 0) {
            delete(file);
            throw new ProblemException.BadRequest("problem.import.emptyBody");
        }
        Actor actor = Actor.current();
        store.create(id, kind, actor.name(), bytes);
        audit.record(actor, "import.started", id.toString(), Map.of("kind", kind.code(), "bytes", bytes));
        worker.execute(() -> run(id));
        return store.find(id).orElseThrow();
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (UUID id : store.unfinished()) {
            if (Files.exists(fileOf(id))) {
                log.info("Resuming import {} from its first row", id);
                worker.execute(() -> run(id));
            } else {
                store.finished(id, "failed", "the uploaded file is gone from " + directory);
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void run(UUID id) {
        ImportKind kind = store.kindOf(id).orElseThrow();
        String sender = store.senderOf(id).orElseThrow();
        Path file = fileOf(id);
        store.started(id);
        try (CountingStream counted = new CountingStream(Files.newInputStream(file));
             CsvReader<NamedCsvRecord> reader = CsvReader.builder()
                     .fieldSeparator(separatorOf(file))
                     .detectBomHeader(true)
                     .allowMissingFields(true)
                     .allowExtraFields(true)
                     .ofNamedCsvRecord(counted, StandardCharsets.UTF_8)) {
            Progress progress = new Progress(id, sender, counted);
            CsvRows rows = CsvRows.of(kind, json.mapper());
            boolean headerChecked = false;
            for (NamedCsvRecord row : reader) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // stopping: the import resumes at the next start
                }
                if (!headerChecked) {
                    String missing = rows.missingColumns(row.getHeader());
                    if (missing != null) {
                        store.finished(id, "failed", "missing columns: " + missing);
                        return;
                    }
                    headerChecked = true;
                }
                progress.read++;
                rows.accept(row, progress);
                if (progress.pending.size() >= CHUNK) {
                    progress.flush();
                }
            }
            rows.finish(progress);
            progress.flush();
            store.finished(id, "completed", null);
            delete(file);
        } catch (CsvParseException | UncheckedIOException | IOException e) {
            log.warn("Import {} failed: {}", id, e.getMessage());
            store.finished(id, "failed", "the file cannot be read as CSV: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            store.finished(id, "failed", "stopped by an unexpected error; start it again");
        }
    }

    /** Counts rows and records chunks. */
    private final class Progress implements CsvRows.Sink {
        private final UUID id;
        private final String sender;
        private final CountingStream counted;
        private final List<CsvRows.Pending> pending = new ArrayList<>();
        private final List<ImportStore.RejectedRow> rejected = new ArrayList<>();
        long read;
        long accepted;
        long duplicates;
        long rejectedRows;

        Progress(UUID id, String sender, CountingStream counted) {
            this.id = id;
            this.sender = sender;
            this.counted = counted;
        }

        @Override
        public void event(CsvRows.Pending event) {
            pending.add(event);
        }

        @Override
        public void rejected(long line, Rejection reason, String content) {
            rejected.add(new ImportStore.RejectedRow(line, reason, content));
            rejectedRows++;
        }

        void flush() {
            if (!pending.isEmpty()) {
                List<CheckedEvent> checked = pending.stream().map(p -> validator.check(p.event())).toList();
                // One transaction per chunk: an import is a single writer, so it seldom waits for a lock.
                List<IngestService.Outcome> outcomes = ingest.ingest(checked, sender, IntakeSource.IMPORT, false,
                        CHUNK);
                for (int i = 0; i < outcomes.size(); i++) {
                    IngestService.Outcome outcome = outcomes.get(i);
                    CsvRows.Pending source = pending.get(i);
                    int lines = source.lines().size();
                    if (outcome.event() instanceof CheckedEvent.Rejected r) {
                        for (int l = 0; l < lines; l++) {
                            rejected(source.lines().get(l), r.rejection(), source.contents().get(l));
                        }
                    } else if (outcome.duplicate()) {
                        duplicates += lines;
                    } else {
                        accepted += lines;
                    }
                }
                pending.clear();
            }
            store.progress(id, counted.count, read, accepted, duplicates, rejectedRows, rejected);
            rejected.clear();
        }
    }

    private static char separatorOf(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                return ',';
            }
            long semicolons = header.chars().filter(c -> c == ';').count();
            long commas = header.chars().filter(c -> c == ',').count();
            return semicolons > commas ? ';' : ',';
        }
    }

    private Path fileOf(UUID id) {
        return directory.resolve(id + ".csv");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
