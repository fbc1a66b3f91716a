package com.livechain.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;

class FreshnessTest {

    // Thursday 2026-11-26 10:00 IST (market open) and 20:00 IST (closed).
    private static final long OPEN = Instant.parse("2026-11-26T04:30:00Z").toEpochMilli();
    private static final long CLOSED = Instant.parse("2026-11-26T14:30:00Z").toEpochMilli();

    private final Freshness freshness = new Freshness(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofSeconds(30));

    private static FeedState feed(boolean up, long upSince) {
        return new FeedState() {
            public boolean isUp() {
                return up;
            }

            public long upSinceMillis() {
                return upSince;
            }

            public String reason() {
                return up ? "up" : "down";
            }
        };
    }

    @Test
    void recentTickWhileMarketOpenIsFresh() {
        freshness.attach(feed(true, OPEN - 60_000));
        assertThat(freshness.isStale(OPEN - 1_000, OPEN)).isFalse();
    }

    @Test
    void noTickForLongerThanStaleAfterWhileMarketOpenIsStale() {
        freshness.attach(feed(true, OPEN - 600_000));
        assertThat(freshness.isStale(OPEN - 31_000, OPEN)).isTrue();
    }

    @Test
    void closingPriceIsNotStaleAfterHoursWhileTheFeedIsUp() {
        freshness.attach(feed(true, CLOSED - 3_600_000));
        assertThat(freshness.isStale(CLOSED - 3_000_000, CLOSED)).isFalse();
    }

    @Test
    void feedDownMakesOldPricesStaleEvenAfterHours() {
        freshness.attach(feed(false, Long.MAX_VALUE));
        assertThat(freshness.isStale(CLOSED - 31_000, CLOSED)).isTrue();
        assertThat(freshness.isStale(CLOSED - 1_000, CLOSED)).isFalse();
    }

    @Test
    void afterAReconnectNothingIsFreshUntilANewTick() {
        freshness.attach(feed(true, OPEN - 2_000));
        assertThat(freshness.isStale(OPEN - 5_000, OPEN)).isTrue();
        assertThat(freshness.isStale(OPEN - 1_000, OPEN)).isFalse();
    }

    @Test
    void onAnExchangeHolidayAQuietFeedMakesNothingStaleAllDay() {
        // Christmas 2026, a Friday: the last ticks came at Thursday's close and the feed stays connected and quiet.
        MutableClock clock = new MutableClock(Instant.parse("2026-12-25T03:30:00Z")); // 09:00 IST
        Freshness holiday = new Freshness(clock, Duration.ofSeconds(30));
        long lastTick = Instant.parse("2026-12-24T09:59:59Z").toEpochMilli(); // Thursday 15:29:59 IST
        holiday.attach(feed(true, Instant.parse("2026-12-24T03:40:00Z").toEpochMilli()));

        for (int i = 0; i < 8 * 4; i++) {
            clock.advance(Duration.ofMinutes(15)); // through the hours a normal day would trade
            assertThat(holiday.isMarketOpen(holiday.nowMillis())).as(clock.instant().toString()).isFalse();
            assertThat(holiday.isStale(lastTick, holiday.nowMillis())).as(clock.instant().toString()).isFalse();
        }

        // The next trading day's open: the same quiet feed now makes the price stale.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-28T03:46:00Z"))); // Monday 09:16 IST
        assertThat(holiday.isStale(lastTick, holiday.nowMillis())).isTrue();
    }

    @Test
    void aConfiguredHolidayIsQuietTooAndADownFeedStillMakesOldPricesStale() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T05:00:00Z")); // Tuesday 10:30 IST
        ExchangeCalendar calendar = ExchangeCalendar.of(new CalendarProperties(
                List.of(LocalDate.of(2026, 12, 1)), List.of()));
        Freshness holiday = new Freshness(clock, Duration.ofSeconds(30), calendar);
        long lastTick = clock.millis() - 3_600_000;

        holiday.attach(feed(true, lastTick));
        assertThat(holiday.isStale(lastTick, clock.millis())).isFalse();
        assertThat(new Freshness(clock, Duration.ofSeconds(30)).isMarketOpen(clock.millis()))
                .as("without the configured holiday the market is open").isTrue();

        holiday.attach(feed(false, Long.MAX_VALUE));
        assertThat(holiday.isStale(lastTick, clock.millis())).as("a down feed proves nothing, holiday or not").isTrue();
    }

    @Test
    void neverPricedIsStaleWhenStalenessApplies() {
        freshness.attach(feed(true, OPEN - 2_000));
        assertThat(freshness.isStale(0, OPEN)).isTrue();
    }
}
