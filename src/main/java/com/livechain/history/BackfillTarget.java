package com.livechain.history;

import java.util.Objects;

import com.livechain.chain.ExchangeSegment;

/**
 * An underlying whose IV history is backfilled, as the rolling-option call names it.
 *
 * @param symbol        upper-case symbol, the history's key (NIFTY)
 * @param securityId    the underlying's {@code IDX_I} security id (13)
 * @param optionSegment where its options trade: {@code NSE_FNO}, or {@code BSE_FNO} for SENSEX and BANKEX
 */
public record BackfillTarget(String symbol, long securityId, ExchangeSegment optionSegment) {

    public BackfillTarget {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(optionSegment, "optionSegment");
    }
}
