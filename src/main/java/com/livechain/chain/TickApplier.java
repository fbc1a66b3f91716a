package com.livechain.chain;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Applies decoded feed packets to the chain cache's slots. The decoder calls one method per packet
 * with primitives it read in place; this finds the slot through the primitive index and writes it.
 * Nothing here allocates. The feed's decoder reads {@link #nowMillis()} once per frame (the packets of
 * one frame arrived together), applies with the variants that take that time and do not count, and
 * adds the frame's packets to {@link #appliedCount()} once: a packet costs a map lookup and the leg's
 * seqlock, not a clock call and a contended counter update on top (see docs/performance.md). The
 * variants without the time read the clock and count each packet, for single writes.
 *
 * <p>Each method returns {@code false} when the instrument is not in the chain (not subscribed by
 * us, or dropped when its expiry passed), so the caller can count it.
 */
public final class TickApplier {

    private final Supplier<InstrumentIndex> index;
    private final Clock clock;
    private final LongAdder applied = new LongAdder();

    /** @param index the current index; read once per packet (a volatile read in {@link ChainCache}) */
    public TickApplier(Supplier<InstrumentIndex> index, Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The time to stamp the packets of one frame with; read once per frame, not per packet. */
    public long nowMillis() {
        return clock.millis();
    }

    /** A single ticker packet, stamped now and counted; the feed uses the variant that takes the frame's time. */
    public boolean ticker(int segmentCode, long securityId, double ltp, long lastTradeTime) {
        return counted(ticker(segmentCode, securityId, ltp, lastTradeTime, nowMillis()));
    }

    public boolean quote(int segmentCode, long securityId, double ltp, long lastTradeTime, long volume) {
        return counted(quote(segmentCode, securityId, ltp, lastTradeTime, volume, nowMillis()));
    }

    public boolean openInterest(int segmentCode, long securityId, long oi) {
        return counted(openInterest(segmentCode, securityId, oi, nowMillis()));
    }

    public boolean full(int segmentCode, long securityId, double ltp, long lastTradeTime, long volume, long oi,
                        double bid, long bidQty, double ask, long askQty) {
        return counted(full(segmentCode, securityId, ltp, lastTradeTime, volume, oi, bid, bidQty, ask, askQty,
                nowMillis()));
    }

    /**
     * The variants with {@code nowMillis} do not count: a caller applying many packets (the decoder, per
     * frame) adds them with {@link #countApplied} once, instead of one contended increment per packet.
     */
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

    /** Previous close and OI; counted here, for every caller (once per instrument a day, so never hot). */
    public boolean previousClose(int segmentCode, long securityId, double prevClose, long prevOi) {
        Leg leg = find(segmentCode, securityId);
        if (leg == null) {
            return false;
        }
        leg.applyPreviousClose(prevClose, prevOi);
        applied.increment();
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

    /** Adds packets applied with the variants that take the time (see {@link #ticker(int, long, double, long, long)}). */
    public void countApplied(long packets) {
        applied.add(packets);
    }

    /** Packets written into a leg since start, whoever delivered them. */
    public long appliedCount() {
        return applied.sum();
    }

    private boolean counted(boolean known) {
        if (known) {
            applied.increment();
        }
        return known;
    }

    private Leg find(int segmentCode, long securityId) {
        return index.get().find(segmentCode, securityId);
    }
}
