package com.livechain.chain;

import java.math.BigDecimal;

/**
 * One leg of Dhan's option-chain snapshot ({@code POST /optionchain}). Prices Dhan did not send
 * are {@code NaN}, quantities {@code -1}.
 */
public record SnapshotLeg(BigDecimal strike, OptionType type, long securityId,
                          double ltp, double prevClose, long oi, long prevOi, long volume,
                          double bid, long bidQty, double ask, long askQty) {
}
