package com.livechain.history.record;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/** Why an interval's points were not written: the {@code reason} tag of {@code livechain_history_dropped_total}. */
public enum DropReason {
    /** The writer was still busy with earlier intervals: the database is slower than the interval. */
    QUEUE_FULL("queue_full", "the writer queue is full (the database is slower than the interval)"),
    /** No connection could be had, or it broke: the server is down or unreachable. */
    UNREACHABLE("unreachable", "the database is unreachable"),
    /** The database did not finish in time, or another process held its lock (SQLite busy). */
    TIMEOUT("timeout", "the database did not answer in time or was locked"),
    /** The recorder itself ran late by more than an interval (a paused or starved JVM): the interval was skipped. */
    BEHIND("behind", "the recorder ran late and skipped the interval (a paused or overloaded JVM)"),
    /** Anything else the database refused. */
    ERROR("error", "the database refused the write");

    private final String tag;
    private final String description;

    DropReason(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    public String tag() {
        return tag;
    }

    public String description() {
        return description;
    }

    /** Classifies a failed write by the SQL error under it (JDBC, Hikari, PostgreSQL or SQLite codes). */
    public static DropReason of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return UNREACHABLE;
            }
            if (t instanceof SQLTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting.
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return UNREACHABLE;
                }
                // 57014: statement cancelled (the query timeout); SQLite 5 and 6: SQLITE_BUSY, SQLITE_LOCKED.
                if ("57014".equals(state) || (t.getClass().getName().startsWith("org.sqlite.")
                        && (sql.getErrorCode() == 5 || sql.getErrorCode() == 6))) {
                    return TIMEOUT;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return t instanceof java.net.ConnectException ? UNREACHABLE : TIMEOUT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ERROR;
    }
}
