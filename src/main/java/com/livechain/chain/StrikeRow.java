package com.livechain.chain;

import java.math.BigDecimal;
import java.util.Objects;

/** One strike of a chain: the call and the put at it. Either leg may be {@code null} when Dhan lists only one side. */
public record StrikeRow(BigDecimal strike, Leg ce, Leg pe) {

    public StrikeRow {
        Objects.requireNonNull(strike, "strike");
    }

    public Leg leg(OptionType type) {
        return type == OptionType.CE ? ce : pe;
    }
}
