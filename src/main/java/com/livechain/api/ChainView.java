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

    /**
     * @param buildUp {@code LONG_BUILDUP}, {@code SHORT_BUILDUP}, {@code SHORT_COVERING} or {@code LONG_UNWINDING}:
     *                price and OI against the previous close and previous OI ({@code analytics.BuildUp}), or null
     */
    public record LegView(long securityId, Double ltp, Double bid, Double ask, Long bidQty, Long askQty,
                          Long volume, Long oi, Long oiChange, Double prevClose,
                          Double iv, Double delta, Double gamma, Double theta, Double vega,
                          String updatedAt, boolean stale, String buildUp) {

        /** A leg without a build-up (as before the field was added). */
        public LegView(long securityId, Double ltp, Double bid, Double ask, Long bidQty, Long askQty,
                       Long volume, Long oi, Long oiChange, Double prevClose,
                       Double iv, Double delta, Double gamma, Double theta, Double vega,
                       String updatedAt, boolean stale) {
            this(securityId, ltp, bid, ask, bidQty, askQty, volume, oi, oiChange, prevClose, iv, delta, gamma, theta,
                    vega, updatedAt, stale, null);
        }
    }

    /**
     * @param forward      the parity forward the legs are priced on
     * @param atmIv        mean of the ATM call's and put's IV (percent; the one side known when the other is not)
     * @param straddle     ATM call + put premium (mid, else last price), null unless both have one
     * @param expectedMove forward x atmIv x sqrt(years to expiry), in index points
     * @param ivRank       0-100 of the underlying's IV history ({@code GET /options/iv-history}), null until it
     *                     holds 20 days
     * @param ivPercentile 0-100, likewise
     */
    public record SummaryView(Double pcr, Number maxPain, Long totalCeOi, Long totalPeOi, Long totalOiChange,
                              Double forward, Double atmIv, Double straddle, Double expectedMove,
                              Double ivRank, Double ivPercentile) {

        /** A summary with the open-interest figures only (as before the ATM and IV-history figures). */
        public SummaryView(Double pcr, Number maxPain, Long totalCeOi, Long totalPeOi, Long totalOiChange) {
            this(pcr, maxPain, totalCeOi, totalPeOi, totalOiChange, null, null, null, null, null, null);
        }
    }
}
