package com.livechain.history.store;

import java.nio.file.Path;
import java.util.UUID;

import com.livechain.history.TestPostgres;

/** The two databases every store test runs on: a SQLite temp file and a fresh database on a real PostgreSQL. */
public enum HistoryDatabases {
    SQLITE {
        @Override
        public String url(Path dir) {
            return "jdbc:sqlite:" + dir.resolve("history-" + UUID.randomUUID() + ".db");
        }
    },
    POSTGRESQL {
        @Override
        public String url(Path dir) {
            return TestPostgres.newDatabase();
        }
    };

    public abstract String url(Path dir);

    public HistoryDatabase open(Path dir) {
        HistoryDatabase db = HistoryDatabase.open(url(dir), null, null, null);
        db.migrate();
        return db;
    }
}
