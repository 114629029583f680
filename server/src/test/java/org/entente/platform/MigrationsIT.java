package org.entente.platform;

import org.entente.support.ApiIT;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations, common and vendor, apply cleanly on the database under test, and jOOQ speaks its dialect. */
class MigrationsIT extends ApiIT {

    @Autowired
    Flyway flyway;

    @Autowired
    DSLContext db;

    @Autowired
    DataSource dataSource;

    @Test
    void everyMigrationIsApplied() {
        MigrationInfo[] all = flyway.info().all();
        assertThat(all).isNotEmpty();
        assertThat(Arrays.stream(all).map(MigrationInfo::getState)).allMatch(s -> s == MigrationState.SUCCESS);
        assertThat(flyway.info().pending()).isEmpty();
        // The vendor folder contributed the append-only trigger.
        assertThat(Arrays.stream(all).map(MigrationInfo::getDescription)).contains("platform audit append only");
    }

    @Test
    void jooqUsesTheDialectOfTheDatabase() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            SQLDialect expected = product.equals("PostgreSQL") ? SQLDialect.POSTGRES : SQLDialect.H2;
            assertThat(db.dialect().family()).isEqualTo(expected);
        }
    }

    @Autowired
    DatabaseStatistics statistics;

    @Test
    void theDatabaseGathersItsStatisticsWhenAskedAfterABulkLoad() {
        assertThat(statistics.refresh()).isTrue();
    }
}
