package com.livechain.analytics;

/**
 * What a leg's price and open interest did since the previous session, read together: the four quadrants
 * traders call build-up (NSE's "OI spurts" and every broker's option chain use these names).
 *
 * <p>Rising open interest means new positions: with the price up the new holders are buyers
 * ({@link #LONG_BUILDUP}), with the price down they are writers ({@link #SHORT_BUILDUP}). Falling open interest
 * means positions closing: a rising price is shorts buying back ({@link #SHORT_COVERING}), a falling price is
 * longs selling out ({@link #LONG_UNWINDING}).
 */
public enum BuildUp {
    /** Price up, open interest up. */
    LONG_BUILDUP,
    /** Price down, open interest up. */
    SHORT_BUILDUP,
    /** Price up, open interest down. */
    SHORT_COVERING,
    /** Price down, open interest down. */
    LONG_UNWINDING;

    /**
     * The quadrant of a leg against its previous close and previous open interest, or {@code null} when there is
     * no quadrant to name: a price or a previous figure missing, or the price or the open interest unchanged.
     * Allocation-free (an enum constant or null), for the rendering path.
     *
     * @param price         last traded price; NaN or not positive when none was received
     * @param previousClose the previous session's close; NaN or not positive when unknown
     * @param oi            open interest now; negative when unknown
     * @param previousOi    open interest at the previous session's close; negative when unknown
     */
    public static BuildUp of(double price, double previousClose, long oi, long previousOi) {
        // "!(x > 0)" is also true for NaN; an infinite price is not a price either.
        if (!(price > 0) || !(previousClose > 0) || price == Double.POSITIVE_INFINITY
                || previousClose == Double.POSITIVE_INFINITY || oi < 0 || previousOi < 0) {
            return null;
        }
        if (price == previousClose || oi == previousOi) {
            return null;
        }
        boolean priceUp = price > previousClose;
        if (oi > previousOi) {
            return priceUp ? LONG_BUILDUP : SHORT_BUILDUP;
        }
        return priceUp ? SHORT_COVERING : LONG_UNWINDING;
    }
}
