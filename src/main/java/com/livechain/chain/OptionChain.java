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

    /**
     * The sum of the sequence counters of the underlying and of every leg. Each counter only grows and
     * moves with every update, so the sum grows with any update anywhere in the chain: two equal readings
     * mean no slot changed between them. (The maximum would not do: the counters are per leg, and a leg
     * with a low counter can move without passing the highest.) About a microsecond for 300 legs.
     */
    public long version() {
        long sum = underlying.spot().version();
        for (StrikeRow row : strikes) {
            if (row.ce() != null) {
                sum += row.ce().version();
            }
            if (row.pe() != null) {
                sum += row.pe().version();
            }
        }
        return sum;
    }

    public int legCount() {
        int n = 0;
        for (StrikeRow row : strikes) {
            n += (row.ce() != null ? 1 : 0) + (row.pe() != null ? 1 : 0);
        }
        return n;
    }
}
