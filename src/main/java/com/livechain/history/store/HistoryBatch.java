package com.livechain.history.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.livechain.chain.MarketSource;

/** Everything recorded at one interval: written in one transaction, so a reader sees all of it or none. */
public record HistoryBatch(MarketSource source, Instant t, List<ExpiryPoint> expiries, List<StrikePoint> strikes,
                           List<IvDay> days) {

    public HistoryBatch {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(t, "t");
        expiries = List.copyOf(expiries);
        strikes = List.copyOf(strikes);
        days = List.copyOf(days);
    }

    /** Rows the batch writes, the unit of {@code livechain_history_points_total} and {@code _dropped_total}. */
    public int points() {
        return expiries.size() + strikes.size() + days.size();
    }
}
