package com.livechain.history;

/** The live summary and the backfill on the default database, a SQLite file. */
class SqliteLiveSummaryEndToEndTest extends LiveSummaryEndToEndTest {

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("history.db");
    }
}
