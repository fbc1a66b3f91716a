package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The IV history's expiry: the nearest monthly (the last listed in its month) with at least 7 days left. */
class ReferenceExpiryTest {

    // NIFTY in December 2026: weeklies on Tuesdays, the monthly on the last Tuesday, then January's.
    static final List<LocalDate> NIFTY = List.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8),
            LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 22), LocalDate.of(2026, 12, 29),
            LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 26), LocalDate.of(2027, 3, 30));

    @Test
    void theMonthlyIsTheLastExpiryOfItsMonth() {
        assertThat(ReferenceExpiry.isMonthly(LocalDate.of(2026, 12, 29), NIFTY)).isTrue();
        assertThat(ReferenceExpiry.isMonthly(LocalDate.of(2026, 12, 22), NIFTY)).isFalse();
        assertThat(ReferenceExpiry.isMonthly(LocalDate.of(2027, 1, 5), NIFTY)).isFalse();
        assertThat(ReferenceExpiry.isMonthly(LocalDate.of(2027, 3, 30), NIFTY)).isTrue();
    }

    @Test
    void theNearestMonthlyWithSevenDaysLeftRollsAWeekBeforeExpiry() {
        // 22 Dec: the December monthly is 7 days away, still the reference.
        assertThat(ReferenceExpiry.forIvHistory(NIFTY, LocalDate.of(2026, 12, 22))).contains(LocalDate.of(2026, 12, 29));
        // 23 Dec: 6 days left, the January monthly takes over (not the 5 January weekly).
        assertThat(ReferenceExpiry.forIvHistory(NIFTY, LocalDate.of(2026, 12, 23))).contains(LocalDate.of(2027, 1, 26));
        assertThat(ReferenceExpiry.forIvHistory(List.of(LocalDate.of(2026, 12, 29)), LocalDate.of(2026, 12, 28))).isEmpty();
    }
}
