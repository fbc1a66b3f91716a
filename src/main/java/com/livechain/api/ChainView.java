package com.livechain.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON of {@code GET /options/live}, field for field as the outside contract shows it.
 * Every number that has no data yet is {@code null}, never 0.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainView(String source, UnderlyingView underlying, String expiry, List<String> expiries,
                        Integer lotSize, Number strikeStep, Number atmStrike, String asOf,
                        List<StrikeView> strikes, SummaryView summary) {

    public record UnderlyingView(String symbol, long securityId, String segment, Double ltp, Double prevClose,
                                 Double change, Double changePct, String updatedAt, boolean stale) {
    }

    public record StrikeView(Number strike, LegView ce, LegView pe) {
    }

    public record LegView(long securityId, Double ltp, Double bid, Double ask, Long bidQty, Long askQty,
                          Long volume, Long oi, Long oiChange, Double prevClose,
                          Double iv, Double delta, Double gamma, Double theta, Double vega,
                          String updatedAt, boolean stale) {
    }

    public record SummaryView(Double pcr, Number maxPain, Long totalCeOi, Long totalPeOi, Long totalOiChange) {
    }
}
