package com.livechain.history.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.chain.ChainCache;
import com.livechain.chain.MarketSource;
import com.livechain.history.store.HistoryBatch;
import com.livechain.market.Freshness;

/**
 * Records the chains every {@code livechain.history.interval}, on one scheduled thread of its own, off the tick
 * path: it reads the cache (never writes it), computes the interval's rows ({@link ChainRecording}) and hands
 * them to the {@link HistoryWriter} without waiting.
 *
 * <p>Intervals are aligned to the clock: at 1m, {@code t} is the minute (09:16:00 IST), so a restart within a
 * session continues the same series and an interval recorded twice replaces itself. It records while the
 * exchange session is open ({@link TradingSession}), or at any hour in simulated mode (the simulator ticks at
 * any hour), and only while the feed is up: a chain whose feed is down shows stale prices, and recording them
 * would draw a flat line where nothing was seen.
 */
public final class HistoryRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);

    private final ChainCache cache;
    private final Freshness freshness;
    private final TradingSession session;
    private final ChainRecording recording;
    private final HistoryWriter writer;
    private final Clock clock;
    private final long intervalMillis;
    private final ScheduledExecutorService scheduler;
    private volatile long nextMillis;

    public HistoryRecorder(ChainCache cache, Freshness freshness, TradingSession session, ChainRecording recording,
                           HistoryWriter writer, Clock clock, Duration interval) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.session = Objects.requireNonNull(session, "session");
        this.recording = Objects.requireNonNull(recording, "recording");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = interval.toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "history-recorder");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        nextMillis = boundaryAfter(clock.millis());
        scheduleNext();
    }

    /** The first interval boundary strictly after {@code millis}. */
    long boundaryAfter(long millis) {
        return Math.floorDiv(millis, intervalMillis) * intervalMillis + intervalMillis;
    }

    private void scheduleNext() {
        long delay = Math.max(0, nextMillis - clock.millis());
        try {
            scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down.
        }
    }

    private void tick() {
        long due = nextMillis;
        try {
            recordAt(Instant.ofEpochMilli(due));
        } catch (RuntimeException | Error e) {
            log.error("Recording the interval of {} failed; the next interval is recorded as usual", Instant.ofEpochMilli(due), e);
        } finally {
            // Behind by more than an interval (a paused JVM): skip to the next boundary rather than catch up, and
            // say which intervals were skipped while recording is on.
            nextMillis = Math.max(due + intervalMillis, boundaryAfter(clock.millis()));
            if (nextMillis > due + intervalMillis && isRecording()) {
                java.util.List<Instant> skipped = new java.util.ArrayList<>();
                for (long t = due + intervalMillis; t < nextMillis; t += intervalMillis) {
                    skipped.add(Instant.ofEpochMilli(t));
                }
                writer.skipped(skipped);
            }
            scheduleNext();
        }
    }

    /**
     * Records the interval starting at {@code t} if recording is on now; returns the batch handed to the writer.
     */
    public Optional<HistoryBatch> recordAt(Instant t) {
        if (!isRecording()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        HistoryBatch batch = recording.record(cache, cache.source().orElseThrow(), t, now.toEpochMilli());
        if (batch.points() == 0) {
            return Optional.empty();
        }
        writer.offer(batch);
        return Optional.of(batch);
    }

    /** Chains loaded, the feed up, and the session open (any hour in simulated mode). */
    boolean isRecording() {
        Optional<MarketSource> source = cache.source();
        if (source.isEmpty() || !cache.isReady() || !freshness.feed().isUp()) {
            return false;
        }
        return source.get() == MarketSource.SIMULATED || session.isOpen(clock.instant());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
