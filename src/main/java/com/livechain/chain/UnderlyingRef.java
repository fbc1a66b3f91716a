package com.livechain.chain;

import java.util.Objects;

/** An underlying index as Dhan identifies it: symbol, security id and segment ({@code IDX_I} for indices). */
public record UnderlyingRef(String symbol, long securityId, ExchangeSegment segment) {

    public UnderlyingRef {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(segment, "segment");
    }
}
