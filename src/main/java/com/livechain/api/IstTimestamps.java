package com.livechain.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

import com.livechain.market.MarketHours;

/**
 * The contract's timestamps, {@code 2026-11-26T09:31:02.123+05:30}: ISO-8601 in IST with milliseconds, written
 * by arithmetic into a fixed 29-byte layout instead of a {@link DateTimeFormatter} per value. A chain body
 * carries one per leg (315 for a NIFTY weekly), and the formatter, which resolves the zone's rules and builds a
 * {@code ZonedDateTime} and a {@code StringBuilder} each time, was a tenth of a render.
 *
 * <p>IST has been UTC+05:30 without daylight saving since 1945, so the offset is a constant from the zone's
 * last transition on; the civil date comes from the epoch day (Hinnant's {@code civil_from_days}, exact for the
 * proleptic Gregorian calendar {@code java.time} uses). Instants before that transition, and years the fixed
 * layout cannot hold, go through {@link #FORMATTER}, so every instant is written exactly as the formatter
 * writes it ({@code IstTimestampsTest}). Stateless and thread-safe.
 */
final class IstTimestamps {

    /** The layout, and the writer of record for instants the fixed layout does not cover. */
    static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(MarketHours.IST);

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS+05:30}. */
    static final int LENGTH = 29;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long OFFSET_MILLIS;
    private static final byte[] ZONE;
    /** The instants the fixed layout holds: one offset throughout, years 1000 to 9999. */
    private static final long FIRST;
    private static final long END;

    static {
        // From the JDK's zone rules rather than written down: before 1945 India was on +06:30 (war time), and
        // should it ever change its offset again, the instants after the change take the formatter's path.
        ZoneRules rules = MarketHours.IST.getRules();
        Instant now = Instant.now();
        ZoneOffset offset = rules.getOffset(now);
        OFFSET_MILLIS = offset.getTotalSeconds() * 1000L;
        ZONE = DateTimeFormatter.ofPattern("XXX").format(offset).getBytes(StandardCharsets.US_ASCII);
        ZoneOffsetTransition last = rules.previousTransition(now);
        ZoneOffsetTransition next = rules.nextTransition(now);
        long years1000 = LocalDate.of(1000, 1, 1).toEpochDay() * MILLIS_PER_DAY - OFFSET_MILLIS;
        long years10000 = LocalDate.of(10000, 1, 1).toEpochDay() * MILLIS_PER_DAY - OFFSET_MILLIS;
        FIRST = last == null ? years1000 : Math.max(years1000, last.getInstant().toEpochMilli());
        END = next == null ? years10000 : Math.min(years10000, next.getInstant().toEpochMilli());
        if (ZONE.length + 23 != LENGTH) {
            throw new ExceptionInInitializerError("IST's offset is no longer written as ±hh:mm: " + offset);
        }
    }

    private IstTimestamps() {
    }

    /** {@code epochMillis} as the contract writes it. */
    static String format(long epochMillis) {
        if (epochMillis < FIRST || epochMillis >= END) {
            return FORMATTER.format(Instant.ofEpochMilli(epochMillis));
        }
        byte[] bytes = new byte[LENGTH];
        write(epochMillis, bytes, 0);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** {@code epochMillis} as the contract writes it, in US-ASCII bytes. */
    static byte[] bytes(long epochMillis) {
        if (epochMillis < FIRST || epochMillis >= END) {
            return format(epochMillis).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] bytes = new byte[LENGTH];
        write(epochMillis, bytes, 0);
        return bytes;
    }

    /**
     * Writes the {@value #LENGTH} bytes of {@code epochMillis} at {@code at}, allocating nothing; returns
     * {@code false} (and writes nothing) for an instant outside the fixed layout, which {@link #format} handles.
     */
    static boolean write(long epochMillis, byte[] into, int at) {
        if (epochMillis < FIRST || epochMillis >= END) {
            return false;
        }
        long local = epochMillis + OFFSET_MILLIS;
        long day = Math.floorDiv(local, MILLIS_PER_DAY);
        int millisOfDay = (int) (local - day * MILLIS_PER_DAY);
        // civil_from_days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"): eras of 400 years from
        // 0000-03-01, so the leap day is the last day of a year.
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        digits4(into, at, year);
        into[at + 4] = '-';
        digits2(into, at + 5, month);
        into[at + 7] = '-';
        digits2(into, at + 8, dayOfMonth);
        into[at + 10] = 'T';
        int seconds = millisOfDay / 1000;
        digits2(into, at + 11, seconds / 3600);
        into[at + 13] = ':';
        digits2(into, at + 14, seconds / 60 % 60);
        into[at + 16] = ':';
        digits2(into, at + 17, seconds % 60);
        into[at + 19] = '.';
        int millis = millisOfDay % 1000;
        into[at + 20] = (byte) ('0' + millis / 100);
        digits2(into, at + 21, millis % 100);
        System.arraycopy(ZONE, 0, into, at + 23, ZONE.length);
        return true;
    }

    private static void digits2(byte[] into, int at, int value) {
        into[at] = (byte) ('0' + value / 10);
        into[at + 1] = (byte) ('0' + value % 10);
    }

    private static void digits4(byte[] into, int at, int value) {
        digits2(into, at, value / 100);
        digits2(into, at + 2, value % 100);
    }
}
