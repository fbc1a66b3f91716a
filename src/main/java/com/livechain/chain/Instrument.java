package com.livechain.chain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One option contract, as Dhan's scrip master lists it. */
public record Instrument(long securityId, ExchangeSegment segment, String underlying,
                         LocalDate expiry, BigDecimal strike, OptionType type, int lotSize) {

    public Instrument {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(strike, "strike");
        Objects.requireNonNull(type, "type");
    }
}
