package com.livechain.dhan.feed;

import java.time.Clock;
import java.util.function.LongPredicate;

/**
 * Finds the "connected but mute" socket (DhanHQ-py #81 and the token-rollover reports): open and subscribed,
 * but no binary frame for {@code stall-after}. With {@code stall-watch=market-hours} silence outside the
 * exchange session (by the calendar: nights, weekends and holidays) is normal and not watched.
 */
final class StallWatchdog {

    private final FeedProperties properties;
    private final Clock clock;
    private final LongPredicate marketOpen;
    private final long stallAfterNanos;

    /** @param marketOpen whether the exchange session is open at an epoch millisecond ({@code Freshness}) */
    StallWatchdog(FeedProperties properties, Clock clock, LongPredicate marketOpen) {
        this.properties = properties;
        this.clock = clock;
        this.marketOpen = marketOpen;
        this.stallAfterNanos = properties.stallAfter().toNanos();
    }

    /** How often to look: a quarter of the stall time, between 10 ms and 1 s. */
    long periodMillis() {
        return Math.max(10, Math.min(1000, properties.stallAfter().toMillis() / 4));
    }

    /** Whether silence counts now. */
    boolean watching() {
        return properties.stallWatch() == FeedProperties.StallWatch.ALWAYS || marketOpen.test(clock.millis());
    }

    /** The link has heard nothing, since its last frame or since the watch last started, for too long. */
    boolean stalled(FeedLink link, long nowNanos) {
        long last = Math.max(link.lastFrameNanos, link.stallBaselineNanos);
        return nowNanos - last > stallAfterNanos;
    }

    String reason() {
        return "stalled: open but no data for " + ReconnectPolicy.human(properties.stallAfter());
    }
}
