package com.livechain.history.store;

import java.util.Objects;
import java.util.Set;

import com.livechain.chain.MarketSource;

/**
 * Days of the IV history were committed for these underlyings (by the recorder's interval or by the backfill):
 * what holds the live summary's IV rank reads them again. Sent after the transaction, never from inside it.
 */
public record IvHistoryWritten(MarketSource source, Set<String> underlyings) {

    public IvHistoryWritten {
        Objects.requireNonNull(source, "source");
        underlyings = Set.copyOf(underlyings);
    }
}
