package com.livechain.universe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;
import com.livechain.market.ExchangeCalendar;

class DailyReloadTest {

    /** Monday 2026-11-30 08:00 IST. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T02:30:00Z"));
    /** The shipped NSE/BSE calendar: Christmas 2026 is a holiday. */
    private final DailyReload schedule = new DailyReload(clock, LocalTime.of(8, 45),
            ExchangeCalendar.shipped()::isTradingDay);

    @Test
    void aStartUpBeforeTheReloadTimeReloadsThatMorningAndOnlyOnce() {
        schedule.loaded();
        assertThat(schedule.due()).isFalse();

        clock.advance(Duration.ofMinutes(44));
        assertThat(schedule.due()).as("08:44").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(schedule.due()).as("08:45").isTrue();

        schedule.ran(result(ReloadResult.Outcome.APPLIED));
        assertThat(schedule.due()).isFalse();
        clock.advance(Duration.ofHours(8));
        assertThat(schedule.due()).as("later the same day").isFalse();
    }

    @Test
    void aStartUpAfterTheReloadTimeCountsAsThatDaysReload() {
        clock.advance(Duration.ofHours(2));
        schedule.loaded();
        assertThat(schedule.due()).isFalse();

        clock.advance(Duration.ofHours(22).plusMinutes(45));
        assertThat(schedule.due()).as("Tuesday 08:45").isTrue();
    }

    @Test
    void noReloadOnAWeekendOrAHolidayAndTheNextTradingDayReloads() {
        // Thursday 2026-12-24 09:00 IST: loaded after the reload time.
        clock.advance(Duration.ofDays(24).plusMinutes(60));
        schedule.loaded();
        clock.advance(Duration.ofDays(1));
        assertThat(schedule.due()).as("Friday, Christmas").isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(schedule.due()).as("Saturday").isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(schedule.due()).as("Sunday").isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(schedule.due()).as("Monday 09:00").isTrue();
    }

    @Test
    void aFailureIsRetriedWithABackoffUntilItSucceeds() {
        schedule.loaded();
        clock.advance(Duration.ofMinutes(45));
        assertThat(schedule.due()).isTrue();

        schedule.ran(result(ReloadResult.Outcome.FAILED));
        assertThat(schedule.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(schedule.due()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.due()).isTrue();

        schedule.ran(result(ReloadResult.Outcome.FAILED));
        assertThat(schedule.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(schedule.due()).isTrue();

        schedule.ran(result(ReloadResult.Outcome.UNCHANGED));
        assertThat(schedule.retryAt()).isNull();
        assertThat(schedule.due()).isFalse();
    }

    @Test
    void theBackoffDoublesUpToFifteenMinutes() {
        assertThat(DailyReload.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DailyReload.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DailyReload.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(DailyReload.backoff(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(DailyReload.backoff(40)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void nothingIsDueBeforeTheStartUpLoad() {
        clock.advance(Duration.ofHours(3));
        assertThat(schedule.due()).isFalse();
    }

    private ReloadResult result(ReloadResult.Outcome outcome) {
        return new ReloadResult(outcome, "daily", clock.instant(), 1, 0, 0, 0, Map.of(), Map.of(),
                outcome == ReloadResult.Outcome.FAILED ? "boom" : null);
    }
}
