package com.livechain.analytics;

/**
 * The premium a chain prices an option at: the mid when both sides of the book are quoted, else the last
 * trade. The last trade of an illiquid strike can be minutes old while its book is current, so the mid is
 * preferred; a book with one side empty, or crossed, says nothing reliable and falls back to the last price.
 *
 * <p>The same rule the chain view solves IV from ({@code api.ChainViews.premium}, which can delegate here).
 */
public final class OptionPremium {

    private OptionPremium() {}

    /**
     * @param bid best bid; not positive or NaN when the side is empty
     * @param ask best ask; not positive or NaN when the side is empty
     * @param ltp last traded price; not positive or NaN when never traded
     * @return the mid, else the last price, else NaN
     */
    public static double of(double bid, double ask, double ltp) {
        if (bid > 0 && ask >= bid && ask < Double.POSITIVE_INFINITY) {
            return (bid + ask) / 2;
        }
        return ltp > 0 && ltp < Double.POSITIVE_INFINITY ? ltp : Double.NaN;
    }
}
