package org.entente.intake.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import jakarta.annotation.PreDestroy;
import org.entente.intake.ImportKind;
import org.entente.intake.ImportStatus;
import org.entente.intake.Imports;
import org.entente.platform.Actor;
import org.entente.platform.CursorPage;
import org.entente.platform.AuditLog;
import org.entente.platform.DatabaseStatistics;
import org.entente.platform.PlatformProperties;
import org.entente.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * CSV imports. The upload is written to {@code <data-dir>/imports} before it is acknowledged, then read in the
 * background, one import at a time, in chunks that go through the same checks and the same recording as the events
 * API. An import interrupted by a stop starts again from its first row when the server starts: rows already
 * recorded are duplicates, so nothing is counted twice.
 */
@Service
public class ImportService implements Imports {

    /** Events per recording transaction. */
    static final int CHUNK = 500;
    /** Threads recording the chunks of one import while the next rows are read. */
    static final int WRITERS = 2;

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /**
     * An import reading at least this many rows refreshes the database's statistics when it ends, so that the
     * persons it brought are looked up by index at once, not after autovacuum's next pass.
     */
    private static final long BULK_ROWS = 10_000;

    private final ImportStore store;
    private final DatabaseStatistics statistics;
    private final EventValidator validator;
    private final IngestService ingest;
    private final EventJson json;
    private final AuditLog audit;
    private final Path directory;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    /** The imports this node's worker holds, waiting or running. */
    private final java.util.Set<UUID> scheduled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("entente-import").daemon().factory());

    ImportService(ImportStore store, EventValidator validator, IngestService ingest, EventJson json, AuditLog audit,
                  PlatformProperties platform, DatabaseStatistics statistics) {
        this.statistics = statistics;
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
    @Override
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
        schedule(id);
        return store.find(id).orElseThrow();
    }

    @Override
    public Optional<ImportStatus> find(UUID id) {
        return store.find(id);
    }

    @Override
    public CursorPage<ImportStatus> list(String cursor, int limit) {
        return store.list(cursor, limit);
    }

    @Override
    public CursorPage<RejectedRow> rejectedRows(UUID id, String cursor, int limit) {
        CursorPage<ImportStore.RejectedRow> page = store.rejectedRows(id, cursor, limit);
        return new CursorPage<>(page.items().stream().map(row -> new RejectedRow(row.line(), row.reason().code(),
                row.reason().field(), row.content())).toList(), page.next());
    }

    /** Resumes what a stop interrupted, once the context is up and before the application runners. */
    @EventListener(ApplicationStartedEvent.class)
    void resumeUnfinished() {
        for (UUID id : store.unfinished()) {
            if (Files.exists(fileOf(id))) {
                if (schedule(id)) {
                    log.info("Resuming import {} from its first row", id);
                }
            } else {
                store.finished(id, "failed", "the uploaded file is gone from " + directory);
            }
        }
    }

    /**
     * Hands the import to the worker unless this node already has it, waiting or running: an import uploaded while
     * the server starts is both started and found unfinished, and must run once.
     *
     * @return false when the import was already scheduled
     */
    private boolean schedule(UUID id) {
        if (!scheduled.add(id)) {
            return false;
        }
        worker.execute(() -> {
            try {
                run(id);
            } finally {
                scheduled.remove(id);
            }
        });
        return true;
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
                     .ofNamedCsvRecord(counted, StandardCharsets.UTF_8);
             Progress progress = new Progress(id, sender, counted)) {
            CsvRows rows = CsvRows.of(kind, json.mapper());
            boolean headerChecked = false;
            for (NamedCsvRecord row : reader) {
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
                progress.flushFull();
            }
            rows.finish(progress);
            progress.finish();
            if (progress.read >= BULK_ROWS) {
                statistics.refresh();
            }
            store.finished(id, "completed", null);
            delete(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the import resumes from its first row at the next start
        } catch (CsvParseException | UncheckedIOException | IOException e) {
            log.warn("Import {} failed: {}", id, e.getMessage());
            store.finished(id, "failed", "the file cannot be read as CSV: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            store.finished(id, "failed", "stopped by an unexpected error; start it again");
        }
    }

    /**
     * Counts rows and records chunks. The reading thread turns rows into events while {@value #WRITERS} writers
     * record the chunks before, so that reading and the database work at the same time. Events are shared among
     * the writers by customer, so that two writers seldom record the same new person at once (which would make one
     * of them wait, then try again).
     */
    private final class Progress implements CsvRows.Sink, AutoCloseable {
        private final UUID id;
        private final String sender;
        private final CountingStream counted;
        private final List<ExecutorService> writers = new ArrayList<>();
        /** Chunks being recorded or waiting for a writer: bounds what is held in memory. */
        private final Semaphore inFlight = new Semaphore(WRITERS * 2);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final List<List<CsvRows.Pending>> pending = new ArrayList<>();
        private List<ImportStore.RejectedRow> rejected = new ArrayList<>();
        long read;
        private long readRecorded;
        private long bytesRecorded;
        private long accepted;
        private long duplicates;
        private long rejectedRows;

        Progress(UUID id, String sender, CountingStream counted) {
            this.id = id;
            this.sender = sender;
            this.counted = counted;
            for (int i = 0; i < WRITERS; i++) {
                writers.add(Executors.newSingleThreadExecutor(
                        Thread.ofPlatform().name("entente-import-writer-" + i).daemon().factory()));
                pending.add(new ArrayList<>());
            }
        }

        @Override
        public void event(CsvRows.Pending event) {
            JsonNode identifiers = event.event().path("identifiers");
            String key = identifiers.isObject() && !identifiers.isEmpty()
                    ? identifiers.values().iterator().next().asString("") : "";
            pending.get(Math.floorMod(key.hashCode(), WRITERS)).add(event);
        }

        @Override
        public void rejected(long line, Rejection reason, String content) {
            rejected.add(new ImportStore.RejectedRow(line, reason, content));
        }

        /** Hands the full chunks (and rejected rows, in chunks too) to their writers; throws what one failed with. */
        void flushFull() throws InterruptedException {
            for (int writer = 0; writer < WRITERS; writer++) {
                if (pending.get(writer).size() >= CHUNK) {
                    flush(writer);
                }
            }
            if (rejected.size() >= CHUNK) {
                flush(0);
            }
        }

        /** Hands every chunk to its writer, waits for all of them; throws what a writer failed with. */
        void finish() throws InterruptedException {
            for (int writer = 0; writer < WRITERS; writer++) {
                flush(writer);
            }
            inFlight.acquire(WRITERS * 2);
            inFlight.release(WRITERS * 2);
            rethrow();
        }

        private void flush(int writer) throws InterruptedException {
            rethrow();
            List<CsvRows.Pending> chunk = pending.get(writer);
            List<ImportStore.RejectedRow> refused = rejected;
            pending.set(writer, new ArrayList<>());
            rejected = new ArrayList<>();
            long readSoFar = read;
            long bytesSoFar = counted.count;
            inFlight.acquire();
            writers.get(writer).execute(() -> {
                try {
                    if (failure.get() == null) {
                        record(chunk, refused, readSoFar, bytesSoFar);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        }

        private void record(List<CsvRows.Pending> chunk, List<ImportStore.RejectedRow> refused, long readSoFar,
                            long bytesSoFar) {
            List<ImportStore.RejectedRow> rows = new ArrayList<>(refused);
            long chunkAccepted = 0;
            long chunkDuplicates = 0;
            if (!chunk.isEmpty()) {
                List<CheckedEvent> checked = chunk.stream().map(p -> validator.check(p.event())).toList();
                // One transaction per chunk: writers of one import seldom wait for each other's locks.
                List<IngestService.Outcome> outcomes = ingest.ingest(checked, sender, IntakeSource.IMPORT, false,
                        CHUNK);
                for (int i = 0; i < outcomes.size(); i++) {
                    IngestService.Outcome outcome = outcomes.get(i);
                    CsvRows.Pending source = chunk.get(i);
                    int lines = source.lines().size();
                    if (outcome.event() instanceof CheckedEvent.Rejected r) {
                        for (int l = 0; l < lines; l++) {
                            rows.add(new ImportStore.RejectedRow(source.lines().get(l), r.rejection(),
                                    source.contents().get(l)));
                        }
                    } else if (outcome.duplicate()) {
                        chunkDuplicates += lines;
                    } else {
                        chunkAccepted += lines;
                    }
                }
            }
            synchronized (this) {
                // Writers may finish out of order: the figures only ever go up.
                readRecorded = Math.max(readRecorded, readSoFar);
                bytesRecorded = Math.max(bytesRecorded, bytesSoFar);
                accepted += chunkAccepted;
                duplicates += chunkDuplicates;
                rejectedRows += rows.size();
                store.progress(id, bytesRecorded, readRecorded, accepted, duplicates, rejectedRows, rows);
            }
        }

        private void rethrow() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void close() {
            writers.forEach(ExecutorService::shutdownNow);
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
