package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.livechain.market.MarketHours;

class IstTimestampsTest {

    private static String expected(long millis) {
        return IstTimestamps.FORMATTER.format(Instant.ofEpochMilli(millis));
    }

    private static void assertSameAsTheFormatter(long millis) {
        String want = expected(millis);
        assertThat(IstTimestamps.format(millis)).as("format(%d)", millis).isEqualTo(want);
        assertThat(new String(IstTimestamps.bytes(millis), StandardCharsets.US_ASCII)).as("bytes(%d)", millis)
                .isEqualTo(want);
    }

    @Test
    void writesWhatTheFormatterWritesForInstantsAcrossTheCenturies() {
        SplittableRandom random = new SplittableRandom(29);
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 1_000_000; i++) {
            assertSameAsTheFormatter(random.nextLong(from, to));
        }
        // Every year of the fixed layout's range and beyond it, at instants near the ends of a day and a year.
        for (int year = -3000; year <= 12_000; year += 7) {
            for (LocalDateTime t : new LocalDateTime[] {LocalDateTime.of(year, 1, 1, 0, 0),
                    LocalDateTime.of(year, 12, 31, 23, 59, 59, 999_000_000), LocalDateTime.of(year, 2, 28, 23, 59, 59),
                    LocalDateTime.of(year, 3, 1, 0, 0, 0, 1_000_000)}) {
                long millis = t.atZone(MarketHours.IST).toInstant().toEpochMilli();
                assertSameAsTheFormatter(millis);
                assertSameAsTheFormatter(millis - 1);
            }
        }
    }

    @Test
    void leapDaysMidnightsAndTheLastWartimeOffsetMatch() {
        for (String day : new String[] {"2024-02-29", "2000-02-29", "2100-03-01", "2026-11-26", "1970-01-01"}) {
            long midnight = LocalDate.parse(day).atStartOfDay(MarketHours.IST).toInstant().toEpochMilli();
            for (long d = -2; d <= 2; d++) {
                assertSameAsTheFormatter(midnight + d);
            }
        }
        assertThat(IstTimestamps.format(Instant.parse("2026-11-26T04:01:02.123Z").toEpochMilli()))
                .isEqualTo("2026-11-26T09:31:02.123+05:30");
        // India was on +06:30 until 1945-10-15: written as the formatter writes it, not with today's offset.
        long wartime = Instant.parse("1944-06-01T00:00:00Z").toEpochMilli();
        assertThat(IstTimestamps.format(wartime)).isEqualTo(expected(wartime)).endsWith("+06:30");
        long end = Instant.parse("1945-10-14T17:30:00Z").toEpochMilli();
        for (long d = -2; d <= 2; d++) {
            assertSameAsTheFormatter(end + d);
        }
        assertSameAsTheFormatter(0);
        assertSameAsTheFormatter(-1);
        assertSameAsTheFormatter(Long.MAX_VALUE / 1000);
    }

    @Test
    void writesInPlaceWithoutTouchingTheBytesAround() {
        byte[] into = new byte[IstTimestamps.LENGTH + 4];
        java.util.Arrays.fill(into, (byte) '#');
        long millis = Instant.parse("2026-11-26T04:01:02.003Z").toEpochMilli();

        assertThat(IstTimestamps.write(millis, into, 2)).isTrue();
        assertThat(new String(into, StandardCharsets.US_ASCII)).isEqualTo("##2026-11-26T09:31:02.003+05:30##");
        assertThat(IstTimestamps.write(Instant.parse("1944-06-01T00:00:00Z").toEpochMilli(), into, 0)).isFalse();
    }
}
