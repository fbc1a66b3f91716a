package com.livechain.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether a price may be shown as live. The rule, from the contract: an instrument is
 * stale when it has had no update for {@code livechain.stale-after} while the feed is down or the
 * market is open. Two refinements keep a price from looking live when it is not:
 * <ul>
 *   <li>an instrument that never had a price is stale whenever staleness applies;</li>
 *   <li>while the market is open, an update from before the current connection was subscribed is
 *       stale: after a reconnect nothing is fresh until a new tick proves it.</li>
 * </ul>
 * Outside market hours with the feed up, the last price is the closing price and is not stale. Market hours
 * are the exchange calendar's: on a holiday a quiet feed makes nothing stale.
 */
public final class Freshness {

    private final Clock clock;
    private final long staleAfterMillis;
    private final ExchangeCalendar calendar;
    private volatile FeedState feed = FeedState.NOT_STARTED;

    /** With the shipped NSE/BSE calendar and no configured dates: for tests and tools. */
    public Freshness(Clock clock, Duration staleAfter) {
        this(clock, staleAfter, ExchangeCalendar.shipped());
    }

    public Freshness(Clock clock, Duration staleAfter, ExchangeCalendar calendar) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staleAfterMillis = staleAfter.toMillis();
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The calendar that says when the market is open, for everything that acts on it (the stall watchdog, the page). */
    public ExchangeCalendar calendar() {
        return calendar;
    }

    /** Open or closed at {@code epochMillis}, and why: what the page shows. */
    public MarketStatus market(long epochMillis) {
        return calendar.status(Instant.ofEpochMilli(epochMillis));
    }

    /** The exchange session is open at {@code epochMillis}. */
    public boolean isMarketOpen(long epochMillis) {
        return calendar.isOpenAt(epochMillis);
    }

    /** Called once by the feed client when it starts. */
    public void attach(FeedState feed) {
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    public FeedState feed() {
        return feed;
    }

    public long nowMillis() {
        return clock.millis();
    }

    /**
     * The first millisecond at which an instrument last updated at {@code updatedAtMillis} is stale by age
     * alone; {@link Long#MAX_VALUE} for one never updated (its staleness does not change with time).
     * With the feed state and market hours unchanged, {@link #isStale} moves only at this instant.
     */
    public long staleByAgeFrom(long updatedAtMillis) {
        return updatedAtMillis == 0 ? Long.MAX_VALUE : updatedAtMillis + staleAfterMillis + 1;
    }

    /** Staleness of an instrument last updated at {@code updatedAtMillis} (0 = never), judged at {@code nowMillis}. */
    public boolean isStale(long updatedAtMillis, long nowMillis) {
        FeedState current = feed;
        boolean feedUp = current.isUp();
        boolean marketOpen = calendar.isOpenAt(nowMillis);
        if (feedUp && !marketOpen) {
            return false;
        }
        if (updatedAtMillis == 0 || nowMillis - updatedAtMillis > staleAfterMillis) {
            return true;
        }
        return feedUp && updatedAtMillis < current.upSinceMillis();
    }
}
