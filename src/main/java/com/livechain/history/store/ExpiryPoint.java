package com.livechain.history.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One expiry's figures at one interval (a row of {@code expiry_point}); {@code null} for a figure not known.
 * IV in percent, everything else in index points or contracts, as {@code /options/live} shows them.
 *
 * @param t the start of the interval (the minute, at the default interval)
 */
public record ExpiryPoint(String underlying, LocalDate expiry, Instant t, Double spot, Double forward,
                          Double atmStrike, Double atmIv, Double straddle, Double pcr, Double maxPain,
                          Long totalCeOi, Long totalPeOi) {

    public ExpiryPoint {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(t, "t");
    }
}
