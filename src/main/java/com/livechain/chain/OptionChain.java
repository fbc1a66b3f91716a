package com.livechain.chain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The chain of one underlying for one expiry: strikes ascending, each with its live legs.
 * The structure is fixed once built; only the legs' prices move.
 */
public record OptionChain(Underlying underlying, LocalDate expiry, List<StrikeRow> strikes) {

    public OptionChain {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiry, "expiry");
        strikes = List.copyOf(strikes);
    }

    public ChainKey key() {
        return new ChainKey(underlying.symbol(), expiry);
    }

    public int legCount() {
        int n = 0;
        for (StrikeRow row : strikes) {
            n += (row.ce() != null ? 1 : 0) + (row.pe() != null ? 1 : 0);
        }
        return n;
    }
}
