package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;

class IvHistoryExpiryTest {

    /** The 2026 weekday holidays that move a monthly expiry (protocol §11.1, §12). */
    static final TradingDays CALENDAR_2026 = new TradingDays() {
        private final Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 5, 28),
                LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 10));

        @Override
        public boolean isTradingDay(LocalDate date) {
            return WEEKDAYS.isTradingDay(date) && !holidays.contains(date);
        }
    };

    private final IvHistoryExpiry nse = new IvHistoryExpiry(ExchangeSegment.NSE_FNO, CALENDAR_2026);
    private final IvHistoryExpiry bse = new IvHistoryExpiry(ExchangeSegment.BSE_FNO, CALENDAR_2026);

    @Test
    void monthliesAreTheLastTuesdayOnNseAndTheLastThursdayOnBse() {
        assertThat(nse.monthly(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2026, 12, 29));
        assertThat(nse.monthly(YearMonth.of(2026, 9))).isEqualTo(LocalDate.of(2026, 9, 29));
        assertThat(bse.monthly(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void aMonthlyOnAHolidayMovesToTheTradingDayBefore() {
        // Protocol §12: Mahavir Jayanti (Tue 31 Mar) moved NIFTY's March monthly to Mon 30 Mar; Guru Nanak Jayanti
        // (Tue 24 Nov) moves November's to Mon 23 Nov; Bakri Id (Thu 28 May) moves SENSEX's May monthly to Wed 27 May.
        assertThat(nse.monthly(YearMonth.of(2026, 3))).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(nse.monthly(YearMonth.of(2026, 11))).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(bse.monthly(YearMonth.of(2026, 5))).isEqualTo(LocalDate.of(2026, 5, 27));
    }

    @Test
    void beforeSeptember2025NseExpiredOnThursdaysAndBseOnTuesdays() {
        assertThat(nse.monthly(YearMonth.of(2025, 8))).isEqualTo(LocalDate.of(2025, 8, 28));
        assertThat(bse.monthly(YearMonth.of(2025, 8))).isEqualTo(LocalDate.of(2025, 8, 26));
        assertThat(nse.monthly(YearMonth.of(2025, 9))).isEqualTo(LocalDate.of(2025, 9, 30));
    }

    @Test
    void theNearestMonthlyIsStillTheOneExpiringOnItsExpiryDay() {
        assertThat(nse.nearestMonthly(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(nse.nearestMonthly(LocalDate.of(2026, 11, 24))).isEqualTo(LocalDate.of(2026, 12, 29));
    }

    @Test
    void theIvHistoryReadsTheNearestMonthlyWithSevenDaysLeftUnderCodeOneElseTheNextUnderCodeTwo() {
        // 16 Nov: 23 Nov is 7 days away, so it counts.
        assertThat(nse.forDay(LocalDate.of(2026, 11, 16)))
                .isEqualTo(new IvHistoryExpiry.Choice(LocalDate.of(2026, 11, 23), 1));
        // 17 Nov: 6 days left; the December monthly, which Dhan calls code 2 that day.
        assertThat(nse.forDay(LocalDate.of(2026, 11, 17)))
                .isEqualTo(new IvHistoryExpiry.Choice(LocalDate.of(2026, 12, 29), 2));
        assertThat(nse.forDay(LocalDate.of(2026, 11, 23)))
                .as("expiry day: code 1 is still November").isEqualTo(new IvHistoryExpiry.Choice(LocalDate.of(2026, 12, 29), 2));
        assertThat(nse.forDay(LocalDate.of(2026, 11, 25)))
                .isEqualTo(new IvHistoryExpiry.Choice(LocalDate.of(2026, 12, 29), 1));
        assertThat(bse.forDay(LocalDate.of(2026, 12, 24)))
                .isEqualTo(new IvHistoryExpiry.Choice(LocalDate.of(2026, 12, 31), 1));
        assertThat(bse.forDay(LocalDate.of(2026, 12, 25)))
                .isEqualTo(new IvHistoryExpiry.Choice(LocalDate.of(2027, 1, 28), 2));
    }
}
