package com.livechain.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

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
    void neverPricedIsStaleWhenStalenessApplies() {
        freshness.attach(feed(true, OPEN - 2_000));
        assertThat(freshness.isStale(0, OPEN)).isTrue();
    }
}
