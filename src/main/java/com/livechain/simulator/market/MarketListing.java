package com.livechain.simulator.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;

/**
 * What the simulated exchange lists: the indices and, per expiry the calendar lists, a call and a put at each
 * strike of a grid around the index, with Dhan-style security ids; and the lookups by symbol, id and ordinal.
 * Ordinals are dense (indices first, then legs in listing order), for the feed's per-connection tables.
 */
final class MarketListing {

    private static final long NSE_FNO_FIRST_ID = 35_000;
    private static final long BSE_FNO_FIRST_ID = 800_000;

    final List<SimIndex> indices = new ArrayList<>();
    final List<SimInstrument> instruments = new ArrayList<>();
    private final Map<Long, SimInstrument> byKey = new HashMap<>();
    private final Map<String, SimIndex> bySymbol = new HashMap<>();
    private long nseId = NSE_FNO_FIRST_ID;
    private long bseId = BSE_FNO_FIRST_ID;

    /** Lists the indices; their options follow with {@link #listOptions}, once each index has a level. */
    MarketListing(List<IndexSpec> specs) {
        for (IndexSpec spec : specs) {
            SimIndex index = new SimIndex(instruments.size(), spec);
            indices.add(index);
            register(index);
            bySymbol.put(spec.symbol(), index);
        }
    }

    /** Lists the index's expiries as of {@code start}, each with strikes around the index's opening level. */
    void listOptions(SimIndex index, Instant start) {
        boolean nse = index.spec.optionSegment() == ExchangeSegment.NSE_FNO;
        int rank = 0;
        for (ExpiryCalendar.Listed listed : ExpiryCalendar.listed(index.spec, start)) {
            SimExpiry expiry = new SimExpiry(index, listed.date(), listed.kind(), rank++, strikes(index, listed.kind()));
            index.expiries.add(expiry);
            for (int i = 0; i < expiry.strikes.length; i++) {
                long callId = nse ? nseId++ : bseId++;
                long putId = nse ? nseId++ : bseId++;
                expiry.calls[i] = new SimLeg(instruments.size(), callId, expiry, expiry.strikes[i], OptionType.CE);
                register(expiry.calls[i]);
                expiry.puts[i] = new SimLeg(instruments.size(), putId, expiry, expiry.strikes[i], OptionType.PE);
                register(expiry.puts[i]);
            }
        }
    }

    /**
     * Strikes on the step grid, ±15% of spot for weeklies, ±25% for monthlies, ±35% for quarterlies; long-dated
     * half-yearlies ±50% on twice the step.
     */
    private static int[] strikes(SimIndex index, ExpiryCalendar.Kind kind) {
        double width = switch (kind) {
            case WEEKLY -> 0.15;
            case MONTHLY -> 0.25;
            case QUARTERLY -> 0.35;
            case HALF_YEARLY -> 0.50;
        };
        int step = kind == ExpiryCalendar.Kind.HALF_YEARLY ? 2 * index.spec.strikeStep() : index.spec.strikeStep();
        long low = (long) Math.ceil(index.spot * (1 - width) / step) * step;
        long high = (long) Math.floor(index.spot * (1 + width) / step) * step;
        int[] strikes = new int[(int) ((high - low) / step) + 1];
        for (int i = 0; i < strikes.length; i++) {
            strikes[i] = (int) (low + (long) i * step);
        }
        return strikes;
    }

    SimIndex index(String symbol) {
        SimIndex index = bySymbol.get(symbol);
        if (index == null) {
            throw new IllegalArgumentException("unknown index " + symbol);
        }
        return index;
    }

    /** The index with this {@code IDX_I} security id, or null. */
    SimIndex indexById(long securityId) {
        for (SimIndex index : indices) {
            if (index.securityId == securityId) {
                return index;
            }
        }
        return null;
    }

    /** The instrument on this segment and id, or null. */
    SimInstrument find(ExchangeSegment segment, long securityId) {
        return byKey.get(key(segment, securityId));
    }

    private void register(SimInstrument instrument) {
        instruments.add(instrument);
        byKey.put(key(instrument.segment, instrument.securityId), instrument);
    }

    private static long key(ExchangeSegment segment, long securityId) {
        return ((long) segment.code() << 40) | securityId;
    }
}
