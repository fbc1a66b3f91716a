package com.livechain.history;

/** The live summary and the backfill on a real PostgreSQL server ({@link TestPostgres}). */
class PostgresLiveSummaryEndToEndTest extends LiveSummaryEndToEndTest {

    @Override
    String newDatabaseUrl() {
        return TestPostgres.newDatabase();
    }
}
