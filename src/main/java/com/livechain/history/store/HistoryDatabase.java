package com.livechain.history.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The market memory's own database: a small HikariCP pool, the schema that Flyway keeps, and the timeouts that
 * keep a slow or dead database from holding any thread for long. It is deliberately not a {@code DataSource}
 * bean: nothing else in the application (the credential store least of all) may end up sharing it, and no
 * auto-configuration may take it for the primary one.
 *
 * <p>SQLite (the default, a file) or PostgreSQL (a server), from the URL. One set of migrations for both
 * ({@code classpath:db/history}); the only vendor difference, SQLite's {@code WITHOUT ROWID} tables, is a
 * Flyway placeholder. Migration runs when first asked for ({@link #migrate}), not at construction, so a server
 * that is down at start-up delays the history, not the application.
 */
public final class HistoryDatabase implements AutoCloseable {

    /** The two databases the history runs on. */
    public enum Vendor { SQLITE, POSTGRESQL }

    /** Waiting for a server connection: a server that cannot give one this quickly is treated as unavailable. */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;
    /**
     * SQLite opens a file, but the first connection of the JVM loads the native library, which on a busy machine
     * starting the whole application has been seen to take over 2 s.
     */
    static final long SQLITE_CONNECTION_TIMEOUT_MILLIS = 10_000;
    /** SQLite: how long a statement outside a transaction waits for another process's lock (busy_timeout). */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 3_000;
    /** A read (the API) is cut after this long. */
    public static final int READ_TIMEOUT_SECONDS = 5;
    /** One interval's write transaction on a server is cut after this long. */
    public static final int WRITE_TIMEOUT_SECONDS = 10;
    /**
     * On SQLite the statement timeout is the lock wait (sqlite-jdbc turns it into the busy timeout, and Spring sets
     * it to what is left of the transaction's): a write that cannot have the file's lock this soon gives up.
     */
    static final int SQLITE_WRITE_TIMEOUT_SECONDS = 3;

    private final Vendor vendor;
    private final String redactedUrl;
    private final HikariDataSource pool;
    private final JdbcTemplate reads;
    private final JdbcTemplate writes;
    private final TransactionTemplate transactions;
    private volatile boolean migrated;

    private HistoryDatabase(Vendor vendor, String redactedUrl, HikariDataSource pool) {
        this.vendor = vendor;
        this.redactedUrl = redactedUrl;
        this.pool = pool;
        this.reads = new JdbcTemplate(pool);
        reads.setQueryTimeout(READ_TIMEOUT_SECONDS);
        int writeTimeout = vendor == Vendor.SQLITE ? SQLITE_WRITE_TIMEOUT_SECONDS : WRITE_TIMEOUT_SECONDS;
        this.writes = new JdbcTemplate(pool);
        writes.setQueryTimeout(writeTimeout);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(pool);
        this.transactions = new TransactionTemplate(manager);
        transactions.setTimeout(writeTimeout);
    }

    /**
     * Creates the pool; connects to nothing yet.
     *
     * @param registry where the pool's meters go ({@code hikaricp_connections_*{pool="history"}}); may be null
     */
    public static HistoryDatabase open(String url, String username, String password, MeterRegistry registry) {
        Objects.requireNonNull(url, "url");
        Vendor vendor = vendorOf(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("history");
        config.setJdbcUrl(url);
        config.setUsername(username == null || username.isBlank() ? null : username);
        config.setPassword(password == null || password.isBlank() ? null : password);
        // One writer thread and a few API reads: a small pool is all the recorder needs, and all a shared
        // server should see of each instance.
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(vendor == Vendor.SQLITE ? SQLITE_CONNECTION_TIMEOUT_MILLIS : CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(1_000);
        // Start without a connection: a database that is down at start-up must not stop the service.
        config.setInitializationFailTimeout(-1);
        Properties driver = new Properties();
        if (vendor == Vendor.SQLITE) {
            createParentDirectory(url);
            // WAL: the API reads while the writer writes, neither waits for the other.
            driver.setProperty("journal_mode", "WAL");
            // NORMAL is durable across an application crash in WAL mode; a power cut may lose the last interval.
            driver.setProperty("synchronous", "NORMAL");
            driver.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
        } else {
            // Seconds. A server that does not answer the handshake, or stops answering mid-query (a dead
            // network), fails the call instead of holding the writer for the kernel's TCP timeout.
            driver.setProperty("connectTimeout", "2");
            driver.setProperty("socketTimeout", Integer.toString(WRITE_TIMEOUT_SECONDS + 5));
            driver.setProperty("tcpKeepAlive", "true");
            driver.setProperty("ApplicationName", "livechain-history");
            // One multi-row INSERT per batch instead of a round trip per row.
            driver.setProperty("reWriteBatchedInserts", "true");
        }
        config.setDataSourceProperties(driver);
        if (registry != null) {
            config.setMetricRegistry(registry);
        }
        return new HistoryDatabase(vendor, redact(url), new HikariDataSource(config));
    }

    static Vendor vendorOf(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return Vendor.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException("livechain.history.url must be a jdbc:sqlite:<file> or a "
                + "jdbc:postgresql://host:port/database URL, was " + redact(url));
    }

    /**
     * Brings the schema up to date; idempotent and cheap once done. Throws when the database cannot be reached
     * or a migration fails (the caller reports it and asks again later).
     */
    public synchronized void migrate() {
        if (migrated) {
            return;
        }
        Flyway.configure(HistoryDatabase.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/history")
                .table("history_schema_version")
                .placeholders(Map.of("storage", vendor == Vendor.SQLITE ? "WITHOUT ROWID" : ""))
                .connectRetries(0)
                .load()
                .migrate();
        migrated = true;
    }

    public boolean isMigrated() {
        return migrated;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** The URL with any password parameter masked, for logs and health. */
    public String describe() {
        return redactedUrl;
    }

    JdbcTemplate reads() {
        return reads;
    }

    JdbcTemplate writes() {
        return writes;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    /** The pool itself, for tests and benchmarks that look at the tables directly. */
    public DataSource dataSource() {
        return pool;
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    private static void createParentDirectory(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        try {
            // As the credential store does: the directory holds only this user's data.
            try {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the directory of livechain.history.url (" + parent
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
