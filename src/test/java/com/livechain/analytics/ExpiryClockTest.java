package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Time to expiry: ACT/365 in calendar time to 15:30 IST (UTC+05:30) on expiry day (NSE F&amp;O specifications). */
class ExpiryClockTest {

    private static final LocalDate EXPIRY = LocalDate.of(2026, 11, 27);

    @Test
    void expiresAtHalfPastThreeIndiaTime() {
        assertThat(ExpiryClock.expiryInstant(EXPIRY)).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void countsCalendarDaysOverThreeSixtyFive() {
        Instant dayBefore = OffsetDateTime.of(2026, 11, 26, 15, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)).toInstant();
        assertThat(ExpiryClock.yearsToExpiry(dayBefore, EXPIRY)).isCloseTo(1.0 / 365, within(1e-15));
        // A weekend counts: Friday close to the following Thursday close is six days.
        Instant fridayClose = OffsetDateTime.of(2026, 11, 20, 15, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)).toInstant();
        assertThat(ExpiryClock.yearsToExpiry(fridayClose, LocalDate.of(2026, 11, 26))).isCloseTo(6.0 / 365, within(1e-15));
    }

    @Test
    void anHourBeforeTheCloseIsOneHourOfAYear() {
        Instant open = Instant.parse("2026-11-27T09:00:00Z");
        assertThat(ExpiryClock.yearsToExpiry(open, EXPIRY)).isCloseTo(1.0 / (365 * 24), within(1e-15));
    }

    @Test
    void isZeroAtTheCloseAndNegativeAfter() {
        Instant close = Instant.parse("2026-11-27T10:00:00Z");
        assertThat(ExpiryClock.yearsToExpiry(close, EXPIRY)).isZero();
        assertThat(ExpiryClock.yearsToExpiry(close.plusSeconds(1), EXPIRY)).isNegative();
        assertThat(ImpliedVolatility.solve(true, 5, 100, 100, ExpiryClock.yearsToExpiry(close, EXPIRY), 0.1)).isNaN();
    }

    @Test
    void epochMillisFormAgreesWithTheInstantForm() {
        Instant now = Instant.parse("2026-11-03T04:12:45.678Z");
        assertThat(ExpiryClock.yearsBetween(now.toEpochMilli(), ExpiryClock.expiryInstant(EXPIRY).toEpochMilli()))
                .isEqualTo(ExpiryClock.yearsToExpiry(now, EXPIRY));
    }
}
