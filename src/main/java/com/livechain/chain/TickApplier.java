package com.livechain.chain;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Applies decoded feed packets to the chain cache's slots. The decoder calls one method per packet
 * with primitives it read in place; this finds the slot through the primitive index and writes it.
 * Nothing here allocates, counts or reads the clock: the caller reads {@link #nowMillis()} once per
 * frame (the packets of one frame arrived together) and counts what the methods return, so a packet
 * costs a map lookup and the leg's seqlock, not a clock call and contended counter updates on top
 * (see docs/performance.md).
 *
 * <p>Each method returns {@code false} when the instrument is not in the chain (not subscribed by
 * us, or dropped when its expiry passed), so the caller can count it.
 */
public final class TickApplier {

    private final Supplier<InstrumentIndex> index;
    private final Freshness freshness;

    /** @param index the current index; read once per packet (a volatile read in {@link ChainCache}) */
    public TickApplier(Supplier<InstrumentIndex> index, Freshness freshness) {
        this.index = Objects.requireNonNull(index, "index");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /** The time to stamp the packets of one frame with; read once per frame, not per packet. */
    public long nowMillis() {
        return freshness.nowMillis();
    }

    public boolean ticker(int segmentCode, long securityId, double ltp, long lastTradeTime, long nowMillis) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyTicker(ltp, lastTradeTime, nowMillis);
        return true;
    }

    public boolean quote(int segmentCode, long securityId, double ltp, long lastTradeTime, long volume,
                         long nowMillis) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyQuote(ltp, lastTradeTime, volume, nowMillis);
        return true;
    }

    public boolean openInterest(int segmentCode, long securityId, long oi, long nowMillis) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyOpenInterest(oi, nowMillis);
        return true;
    }

    public boolean previousClose(int segmentCode, long securityId, double prevClose, long prevOi) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyPreviousClose(prevClose, prevOi);
        return true;
    }

    public boolean full(int segmentCode, long securityId, double ltp, long lastTradeTime, long volume, long oi,
                        double bid, long bidQty, double ask, long askQty, long nowMillis) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyFull(ltp, lastTradeTime, volume, oi, bid, bidQty, ask, askQty, nowMillis);
        return true;
    }

    private Leg find(int segmentCode, long securityId) {
        return index.get().find(segmentCode, securityId);
    }
}
