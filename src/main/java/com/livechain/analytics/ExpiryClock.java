package com.livechain.analytics;

import com.livechain.market.MarketHours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Time to expiry, in the year fraction the pricing formulas take.
 *
 * <p>NSE and BSE index options expire at the close of their expiry day, 15:30 India Standard Time (NSE
 * F&amp;O contract specifications), so that is the instant the clock counts down to. Time is measured ACT/365
 * in calendar time, to the millisecond: weekends and holidays count, as in the India VIX computation
 * (NSE's India VIX white paper, after CBOE's VIX: time in calendar minutes over a 365-day year) and as
 * the contract's theta per calendar day assumes.
 */
public final class ExpiryClock {

    /** India Standard Time; UTC+05:30 without daylight saving since 1945. */
    public static final ZoneId IST = MarketHours.IST;

    /** Close of trading on expiry day, IST. */
    public static final LocalTime EXPIRY_TIME = MarketHours.CLOSE;

    private static final double MILLIS_PER_YEAR = 365.0 * 24 * 60 * 60 * 1000;

    private ExpiryClock() {}

    /** The instant an option expiring on {@code expiry} expires: 15:30 IST that day. */
    public static Instant expiryInstant(LocalDate expiry) {
        return MarketHours.expiryClose(expiry);
    }

    /**
     * Years from {@code now} to the expiry instant, ACT/365; zero at the instant and negative after it, so
     * that the pricing code (which treats {@code years <= 0} as expired) sees an expired option as expired.
     */
    public static double yearsToExpiry(Instant now, LocalDate expiry) {
        return yearsBetween(now.toEpochMilli(), expiryInstant(expiry).toEpochMilli());
    }

    /** The allocation-free form for the tick path: both instants as epoch milliseconds. */
    public static double yearsBetween(long nowEpochMillis, long expiryEpochMillis) {
        return (expiryEpochMillis - nowEpochMillis) / MILLIS_PER_YEAR;
    }
}
