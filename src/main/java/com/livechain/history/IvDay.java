package com.livechain.history;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One trading day of an underlying's IV history: the contract's daily value, the mean of the ATM call and put IV
 * of the nearest monthly expiry with at least 7 calendar days left, at the day's last recorded minute.
 *
 * @param atmIv  in percent, as the API shows it (12.7 for 12.7%)
 * @param origin whether livechain recorded it from the live chain or filled it from Dhan's expired-options data
 */
public record IvDay(LocalDate date, double atmIv, Origin origin) {

    /** Where a day's value came from; the API shows it as {@code origin}. */
    public enum Origin {
        /** Recorded from the live chain that day. */
        RECORDED,
        /** Filled afterwards from {@code /v2/charts/rollingoption}. */
        BACKFILLED
    }

    public IvDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(origin, "origin");
        if (!(atmIv > 0) || atmIv == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("atmIv must be a positive number of percent, was " + atmIv
                    + " on " + date);
        }
    }
}
