package com.livechain.chain;

import java.time.LocalDate;
import java.util.Objects;

/** Cache key of one option chain: upper-case underlying symbol and expiry date. */
public record ChainKey(String underlying, LocalDate expiry) {

    public ChainKey {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiry, "expiry");
    }
}
