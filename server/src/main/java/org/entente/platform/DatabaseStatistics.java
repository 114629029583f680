package org.entente.platform;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The statistics the database plans its queries with. After a bulk load they lag behind the data until the database
 * gathers them again on its own (autovacuum, a minute or more later); meanwhile it may plan a lookup of one person as a
 * scan of a whole table. Whoever loads many rows refreshes them at once.
 */
@Component
public class DatabaseStatistics {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStatistics.class);

    private final DSLContext db;

    DatabaseStatistics(DSLContext db) {
        this.db = db;
    }

    /**
     * Gathers the statistics of every table again ({@code ANALYZE}, PostgreSQL and H2). Never throws.
     *
     * @return whether they were gathered
     */
    public boolean refresh() {
        long start = System.nanoTime();
        try {
            db.execute("analyze");
            log.info("Database statistics gathered again in {} ms", (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (DataAccessException e) {
            log.warn("Gathering the database statistics failed; the database does it later on its own: {}",
                    e.getMessage());
            return false;
        }
    }
}
