package com.livechain.chain;

/**
 * A consistent read of a {@link Leg}. Prices never received are {@code NaN}, quantities {@code -1},
 * {@code updatedAtMillis} 0; the API turns them into JSON {@code null}.
 *
 * @param lastTradeTime Dhan's LTT as sent (epoch seconds), -1 if none
 * @param version       the leg's sequence counter at the read: it changes with every update
 */
public record LegSnapshot(long securityId, ExchangeSegment segment,
                          double ltp, double prevClose, double bid, double ask,
                          long bidQty, long askQty, long volume, long oi, long prevOi,
                          long lastTradeTime, long updatedAtMillis, long version) {

    public boolean hasPrice() {
        return !Double.isNaN(ltp);
    }

    /** OI change against the previous day's OI, or {@code Long.MIN_VALUE} when either is unknown. */
    public long oiChange() {
        return oi >= 0 && prevOi >= 0 ? oi - prevOi : Long.MIN_VALUE;
    }
}
