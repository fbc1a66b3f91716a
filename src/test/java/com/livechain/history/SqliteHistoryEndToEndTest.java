package com.livechain.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The market memory on its default database, a SQLite file. The outage: another process holds the file's write
 * lock (a backup, a sqlite3 shell), so every write waits its busy timeout and gives up, until the lock goes. (The
 * tests run as root, whom a read-only file would not stop.)
 */
class SqliteHistoryEndToEndTest extends HistoryEndToEndTest {

    private String outageUrl;
    private Connection lock;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("history-" + java.util.UUID.randomUUID() + ".db");
    }

    @Override
    String outageDatabaseUrl() {
        outageUrl = newDatabaseUrl();
        return outageUrl;
    }

    @Override
    void breakDatabase() throws Exception {
        lock = DriverManager.getConnection(outageUrl);
        try (Statement s = lock.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("BEGIN EXCLUSIVE");
        }
    }

    @Override
    void repairDatabase() throws Exception {
        try (Statement s = lock.createStatement()) {
            s.execute("ROLLBACK");
        }
        lock.close();
    }

    @Override
    String expectedDropReason() {
        return "timeout";
    }
}
