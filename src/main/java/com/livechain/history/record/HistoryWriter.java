package com.livechain.history.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.history.store.HistoryBatch;
import com.livechain.history.store.HistoryDatabase;
import com.livechain.history.store.HistoryStore;

/**
 * The one thread that talks to the database for the recorder. Intervals arrive through a small bounded queue;
 * each is written in one transaction. Nobody waits for it: when the queue is full the new interval is dropped,
 * when a write fails (down, slow, locked) that interval is dropped, both counted by reason and shown in health
 * ({@link WriteStatus}); the next interval simply tries again, so recovery needs no restart.
 *
 * <p>Once a day, after a successful write, rows older than the retention are deleted.
 */
public final class HistoryWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

    /** Intervals waiting for the writer: a few, so a slow write does not drop the next one at once. */
    static final int QUEUE_CAPACITY = 4;
    private static final Duration RETENTION_EVERY = Duration.ofDays(1);

    private final HistoryDatabase db;
    private final HistoryStore store;
    private final HistoryMetrics metrics;
    private final WriteStatus status;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<HistoryBatch> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;
    private Instant lastRetention;
    private volatile int lastPoints;

    public HistoryWriter(HistoryDatabase db, HistoryStore store, HistoryMetrics metrics, WriteStatus status,
                         Clock clock, Duration retention) {
        this.db = Objects.requireNonNull(db, "db");
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.thread = new Thread(this::run, "history-writer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Hands an interval to the writer without waiting; drops and counts it when the queue is full. */
    public boolean offer(HistoryBatch batch) {
        lastPoints = batch.points();
        if (queue.offer(batch)) {
            return true;
        }
        drop(batch, DropReason.QUEUE_FULL, queue.size() + " intervals are waiting");
        return false;
    }

    /**
     * Intervals the recorder skipped because it ran late: counted as dropped, with the last interval's row count as
     * their size, so a gap the recorder made is said like one the database made.
     */
    public void skipped(java.util.List<Instant> intervals) {
        for (Instant t : intervals) {
            metrics.dropped(DropReason.BEHIND, lastPoints);
            status.dropped(t, lastPoints, DropReason.BEHIND, null, clock.instant());
        }
    }

    private void run() {
        migrate();
        while (running || !queue.isEmpty()) {
            HistoryBatch batch;
            try {
                batch = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // close(): finish what is queued, then stop.
                running = false;
                continue;
            }
            if (batch != null) {
                write(batch);
            }
        }
    }

    /** Brings the schema up to date before the first interval, so the API can read as soon as possible. */
    private void migrate() {
        try {
            db.migrate();
            log.info("Market memory in {} ({}), schema up to date", db.describe(), db.vendor());
        } catch (RuntimeException e) {
            String why = DropReason.of(e).description() + ": " + message(e);
            status.notReady("the schema is not up to date yet: " + why);
            log.warn("Market memory at {} is not available yet ({}); recording is retried every interval.",
                    db.describe(), why);
        }
    }

    void write(HistoryBatch batch) {
        try {
            store.write(batch);
        } catch (RuntimeException e) {
            drop(batch, DropReason.of(e), message(e));
            return;
        }
        metrics.written(batch.points());
        status.written(batch.t(), batch.points(), clock.instant());
        retainIfDue();
    }

    private void retainIfDue() {
        Instant now = clock.instant();
        if (lastRetention != null && Duration.between(lastRetention, now).compareTo(RETENTION_EVERY) < 0) {
            return;
        }
        lastRetention = now;
        Instant cutoff = now.minus(retention);
        try {
            int deleted = store.deleteOlderThan(cutoff);
            if (deleted > 0) {
                log.info("Market memory retention: deleted {} per-interval rows older than {} ({})", deleted, cutoff,
                        retention);
            }
        } catch (RuntimeException e) {
            // Nothing is lost by a late retention; try again at the next interval.
            lastRetention = null;
            log.warn("Market memory retention failed, retried after the next write: {}", message(e));
        }
    }

    private void drop(HistoryBatch batch, DropReason reason, String message) {
        metrics.dropped(reason, batch.points());
        status.dropped(batch.t(), batch.points(), reason, message, clock.instant());
    }

    /** The innermost message, with any password in a URL masked: exception text reaches logs and health. */
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        text = text.replaceAll("(?i)(password=)[^&;\\s]*", "$1****");
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Stops taking intervals, writes what is queued (bounded), and says what an open outage cost. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(HistoryDatabase.WRITE_TIMEOUT_SECONDS + 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.close(clock.instant());
    }
}
