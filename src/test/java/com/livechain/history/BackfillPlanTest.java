package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;

class BackfillPlanTest {

    private final IvHistoryExpiry nse = new IvHistoryExpiry(ExchangeSegment.NSE_FNO, IvHistoryExpiryTest.CALENDAR_2026);

    private static List<LocalDate> weekdays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (IvHistoryExpiryTest.CALENDAR_2026.isTradingDay(d)) {
                days.add(d);
            }
        }
        return days;
    }

    @Test
    void daysAreGroupedByExpiryCodeIntoChunksOfAtMostThirtyDays() {
        // 1 Oct to 30 Nov 2026. October's monthly is 27 Oct: code 2 from 21 Oct to 27 Oct; November's is 23 Nov
        // (24 Nov a holiday): code 2 from 17 Nov to 23 Nov.
        List<BackfillPlan.Chunk> chunks = BackfillPlan.plan(
                weekdays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30)), nse);

        assertThat(chunks).extracting(c -> c.from() + ".." + c.to() + " code " + c.expiryCode()).containsExactly(
                "2026-10-01..2026-10-20 code 1",
                "2026-10-21..2026-10-27 code 2",
                "2026-10-28..2026-11-16 code 1",
                "2026-11-17..2026-11-23 code 2",
                "2026-11-25..2026-11-30 code 1");
        assertThat(chunks.get(1).days()).containsExactly(LocalDate.of(2026, 10, 21), LocalDate.of(2026, 10, 22),
                LocalDate.of(2026, 10, 23), LocalDate.of(2026, 10, 26), LocalDate.of(2026, 10, 27));
        assertThat(chunks.stream().mapToInt(c -> c.days().size()).sum())
                .isEqualTo(weekdays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30)).size());
    }

    @Test
    void aRunLongerThanThirtyDaysIsSplit() {
        // All code 1: 28-29 Oct (November's monthly 25 days away), then 25 Nov to 22 Dec (December's, 7+ days away).
        List<LocalDate> days = weekdays(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 22));
        days.addAll(List.of(LocalDate.of(2026, 10, 28), LocalDate.of(2026, 10, 29)));

        List<BackfillPlan.Chunk> chunks = BackfillPlan.plan(days, nse);

        assertThat(chunks).extracting(c -> c.from() + ".." + c.to() + " code " + c.expiryCode()).containsExactly(
                "2026-10-28..2026-11-26 code 1", "2026-11-27..2026-12-22 code 1");
        for (BackfillPlan.Chunk chunk : chunks) {
            assertThat(chunk.from().plusDays(BackfillPlan.MAX_SPAN_DAYS - 1)).isAfterOrEqualTo(chunk.to());
        }
    }

    @Test
    void scatteredDaysOfOneCodeShareAChunk() {
        List<BackfillPlan.Chunk> chunks = BackfillPlan.plan(List.of(LocalDate.of(2026, 12, 14),
                LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 1)), nse);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).days()).containsExactly(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 14));
        assertThat(BackfillPlan.plan(List.of(), nse)).isEmpty();
    }
}
