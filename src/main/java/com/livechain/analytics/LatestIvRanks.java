package com.livechain.analytics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IV rank and percentile of each underlying's IV history as {@code GET /options/iv-history} gives them by
 * default (the last 365 days), held in memory for the live summary: a chain render reads a value here (one map
 * lookup, no allocation) and never the database. The market memory replaces an underlying's value whenever its
 * IV history changes (an interval recorded, days backfilled) and at start-up and each reload.
 */
public final class LatestIvRanks {

    private final Map<String, IvRank> bySymbol = new ConcurrentHashMap<>();

    /** The figures of {@code symbol}'s IV history, or {@code null} when none has been read yet. */
    public IvRank of(String symbol) {
        return bySymbol.get(symbol);
    }

    public void put(String symbol, IvRank rank) {
        bySymbol.put(symbol, rank);
    }

    /** Forgets every value (the chain's source changed: its history is another one). */
    public void clear() {
        bySymbol.clear();
    }
}
