package com.livechain.history.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of the IV history (a row of {@code iv_day}).
 *
 * @param atmIv   the mean of the ATM call and put IV, in percent, of {@code expiry}
 * @param expiry  the monthly expiry it was read from ({@code analytics.ReferenceExpiry}); {@code null} if unknown
 * @param takenAt when the value was read: the interval recorded, or the backfilled candle's time
 */
public record IvDay(String underlying, LocalDate date, double atmIv, Origin origin, LocalDate expiry, Instant takenAt) {

    public IvDay {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(takenAt, "takenAt");
        if (!Double.isFinite(atmIv) || atmIv <= 0) {
            throw new IllegalArgumentException("atmIv must be a positive IV in percent, was " + atmIv
                    + " for " + underlying + " on " + date);
        }
    }
}
