package org.entente.intake;

import org.entente.platform.CursorPage;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * CSV imports of customers and transactions: started from an upload, read in the background, one at a time, through
 * the same checks and recording as the events API. Importing the same file again changes nothing.
 */
public interface Imports {

    /**
     * Stores the upload and queues it; answers once the file is on disk and the import recorded. Audited
     * ({@code import.started}) with whoever is acting.
     *
     * @param csv a UTF-8 CSV file with a header row, separated by {@code ,} or {@code ;}; read to its end here
     * @throws org.entente.platform.ProblemException.BadRequest when the file is empty
     */
    ImportStatus start(ImportKind kind, InputStream csv);

    Optional<ImportStatus> find(UUID id);

    /** Imports, newest first. */
    CursorPage<ImportStatus> list(String cursor, int limit);

    /** The rows an import refused, by line number (the header is line 1). */
    CursorPage<RejectedRow> rejectedRows(UUID id, String cursor, int limit);

    /**
     * A refused row.
     *
     * @param reason  a stable code; its words are {@code intake.rejection.<reason>} in the i18n bundle
     * @param field   the faulty field, or null for the row as a whole
     * @param content the row's fields joined with commas (cut at 4,000 characters)
     */
    record RejectedRow(long line, String reason, String field, String content) {
    }
}
