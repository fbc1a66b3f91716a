package com.livechain.chain;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Applies decoded feed packets to the chain cache's slots. The decoder calls one method per packet
 * with primitives it read in place; this finds the slot through the primitive index and writes it.
 * Nothing here allocates (the counters' cells are created once under contention, not per tick).
 *
 * <p>Each method returns {@code false} when the instrument is not in the chain (not subscribed by
 * us, or dropped when its expiry passed), so the caller can count it.
 */
public final class TickApplier {

    private final Supplier<InstrumentIndex> index;
    private final Freshness freshness;
    private final LongAdder applied = new LongAdder();
    private final LongAdder unknown = new LongAdder();

    /** @param index the current index; read once per packet (a volatile read in {@link ChainCache}) */
    public TickApplier(Supplier<InstrumentIndex> index, Freshness freshness) {
        this.index = Objects.requireNonNull(index, "index");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    public boolean ticker(int segmentCode, long securityId, double ltp, long lastTradeTime) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyTicker(ltp, lastTradeTime, freshness.nowMillis());
        return true;
    }

    public boolean quote(int segmentCode, long securityId, double ltp, long lastTradeTime, long volume) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyQuote(ltp, lastTradeTime, volume, freshness.nowMillis());
        return true;
    }

    public boolean openInterest(int segmentCode, long securityId, long oi) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyOpenInterest(oi, freshness.nowMillis());
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
                        double bid, long bidQty, double ask, long askQty) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyFull(ltp, lastTradeTime, volume, oi, bid, bidQty, ask, askQty, freshness.nowMillis());
        return true;
    }

    private Leg find(int segmentCode, long securityId) {
        Leg leg = index.get().find(segmentCode, securityId);
        if (leg == null) {
            unknown.increment();
        } else {
            applied.increment();
        }
        return leg;
    }

    /** Packets applied to a slot since start. */
    public long appliedCount() {
        return applied.sum();
    }

    /** Packets for an instrument the chain does not hold. */
    public long unknownCount() {
        return unknown.sum();
    }
}
