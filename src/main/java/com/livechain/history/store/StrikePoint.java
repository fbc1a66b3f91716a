package com.livechain.history.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** One strike's call and put at one interval (a row of {@code strike_point}). */
public record StrikePoint(String underlying, LocalDate expiry, double strike, Instant t, LegPoint ce, LegPoint pe) {

    public StrikePoint {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(t, "t");
        ce = ce == null ? LegPoint.EMPTY : ce;
        pe = pe == null ? LegPoint.EMPTY : pe;
    }
}
