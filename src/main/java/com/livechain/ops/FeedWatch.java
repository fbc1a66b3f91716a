package com.livechain.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.market.FeedState;
import com.livechain.market.Freshness;

/**
 * Tracks how long the live feed has been down, which the feed's own state does not say: the
 * readiness probe must tolerate a reconnect of a few seconds but not a feed that has been down
 * longer than {@code livechain.stale-after}, after which every price on a trader's screen is stale
 * (a token expired overnight, DH-807, is the usual cause: {@code shared/dhan-protocol.md} §4).
 *
 * <p>The clock starts when the chain is loaded and the feed is asked to connect ({@link #start()});
 * before that, loading the instrument list may take a minute and the feed has nothing to do. A
 * daemon thread samples the state once a second so that the change into and out of
 * {@link State#DOWN} is logged when it happens, once, not when someone next asks for health.
 */
public final class FeedWatch implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedWatch.class);
    /** The sampler thread's name, and the {@code name} tag of its {@code executor_*} metrics. */
    static final String SAMPLER = "livechain-feed-watch";

    /** What the readiness probe makes of the feed. */
    public enum State {
        /** The chain is still loading; the feed has not been asked to connect yet. */
        NOT_STARTED,
        /** Connected and subscribed. */
        UP,
        /** Down for no longer than the stale window: prices may still be current. */
        RECONNECTING,
        /** Down for longer than the stale window: prices are shown stale and the instance is not ready. */
        DOWN
    }

    /**
     * One sample of the feed.
     *
     * @param upSinceMillis   when the current connection was subscribed, or -1 when not up
     * @param downSinceMillis when the feed was first seen down in this outage, or -1 when not down
     */
    public record Observation(State state, String reason, long upSinceMillis, long downSinceMillis, long atMillis) {

        /** How long the feed has been down, zero when it is not. */
        public Duration downFor() {
            return downSinceMillis < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, atMillis - downSinceMillis));
        }
    }

    private final Freshness freshness;
    private final Clock clock;
    private final Duration staleAfter;
    private ScheduledThreadPoolExecutor sampler;

    // Guarded by this.
    private boolean started;
    private long downSinceMillis = -1;
    private State last = State.NOT_STARTED;

    public FeedWatch(Freshness freshness, Clock clock, Duration staleAfter) {
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** From now on a feed that is not up counts as down. Called when the chain is ready. */
    public synchronized void start() {
        if (!started) {
            started = true;
            observe();
        }
    }

    /** Samples the feed every {@code period} on a daemon thread, so state changes are logged when they happen. */
    public synchronized void sampleEvery(Duration period) {
        if (sampler != null) {
            return;
        }
        sampler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, SAMPLER);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, period.toMillis());
        sampler.scheduleWithFixedDelay(this::sampleQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            observe();
        } catch (RuntimeException e) {
            // A sampler that died would silently freeze the readiness verdict; keep it going.
            log.warn("Feed watch sample failed: {}", e.toString());
        }
    }

    /** Reads the feed's state now, updates the outage clock and logs a change into or out of {@link State#DOWN}. */
    public synchronized Observation observe() {
        FeedState feed = freshness.feed();
        long now = clock.millis();
        String reason = feed.reason();
        Observation observation;
        if (feed.isUp()) {
            if (last == State.DOWN) {
                // Up since the resubscription, which may be a sample earlier than now.
                long end = Math.min(now, Math.max(downSinceMillis, feed.upSinceMillis()));
                log.info("Feed up again after {} down: readiness follows the chain cache again",
                        seconds(Duration.ofMillis(end - downSinceMillis)));
            }
            downSinceMillis = -1;
            observation = new Observation(State.UP, reason, feed.upSinceMillis(), -1, now);
        } else if (!started) {
            observation = new Observation(State.NOT_STARTED, reason, -1, -1, now);
        } else {
            if (downSinceMillis < 0) {
                downSinceMillis = now;
            }
            boolean stale = now - downSinceMillis > staleAfter.toMillis();
            observation = new Observation(stale ? State.DOWN : State.RECONNECTING, reason, -1, downSinceMillis, now);
            if (stale && last != State.DOWN) {
                log.warn("Feed down for {}, longer than livechain.stale-after ({}): {}. Prices are shown stale "
                                + "and readiness is DOWN until the feed is back.",
                        seconds(observation.downFor()), seconds(staleAfter), reason);
            }
        }
        last = observation.state();
        return observation;
    }

    /** "31 s", or "1.4 s" below ten seconds where the fraction matters. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis < 10_000 && millis % 1000 != 0
                ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : millis / 1000 + " s";
    }

    /** The sampler's pool, once {@link #sampleEvery} started it: a completed count that stops growing is a dead sampler. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (sampler != null) {
            new ExecutorServiceMetrics(sampler, SAMPLER, List.of()).bindTo(registry);
        }
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
    }
}
