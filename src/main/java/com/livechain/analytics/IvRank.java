package com.livechain.analytics;

/**
 * Where the current ATM IV stands against its own history, as the contract defines both figures:
 * {@code ivRank = (current - min) / (max - min) x 100} and {@code ivPercentile} = the share of days whose IV is
 * below the current one x 100, over the days given, at most the last {@value #MAX_DAYS} (a trading year).
 * Both are NaN (null in JSON) until the history holds {@value #MIN_DAYS} days: a rank over a fortnight is noise.
 *
 * <p>IV rank is the one tastytrade popularised (position of today's IV in the year's range); IV percentile is
 * the fraction-of-days form that a single spike cannot squash (see {@code docs/analytics.md}, "IV rank and
 * percentile"). Allocation-free over a caller's array, oldest day first. The history package may hold its own
 * copy of these two formulas; this one is what the live summary uses.
 */
public final class IvRank {

    /** Days of history needed before either figure is shown. */
    public static final int MIN_DAYS = 20;
    /** A trading year: the window both figures are taken over. */
    public static final int MAX_DAYS = 252;

    private IvRank() {}

    /**
     * IV rank of {@code current} over the last {@value #MAX_DAYS} of {@code days[0..count)} (oldest first).
     * NaN with fewer than {@value #MIN_DAYS} usable days, a current value that is not a positive number, or a
     * history without range (max = min: no position to give). Not clamped: a current IV above the year's
     * high ranks above 100, which says exactly that.
     */
    public static double rank(double current, double[] days, int count) {
        if (!usable(current)) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int used = 0;
        for (int i = Math.max(0, count - MAX_DAYS); i < count; i++) {
            double iv = days[i];
            if (usable(iv)) {
                min = Math.min(min, iv);
                max = Math.max(max, iv);
                used++;
            }
        }
        if (used < MIN_DAYS || !(max > min)) {
            return Double.NaN;
        }
        return (current - min) / (max - min) * 100;
    }

    /**
     * IV percentile of {@code current}: the share of the usable days among the last {@value #MAX_DAYS} of
     * {@code days[0..count)} whose IV is strictly below {@code current}, x 100. NaN with fewer than
     * {@value #MIN_DAYS} usable days or a current value that is not a positive number.
     */
    public static double percentile(double current, double[] days, int count) {
        if (!usable(current)) {
            return Double.NaN;
        }
        int used = 0;
        int below = 0;
        for (int i = Math.max(0, count - MAX_DAYS); i < count; i++) {
            double iv = days[i];
            if (usable(iv)) {
                used++;
                if (iv < current) {
                    below++;
                }
            }
        }
        return used < MIN_DAYS ? Double.NaN : below * 100.0 / used;
    }

    /** A missing day (NaN) or a nonsensical one (not positive) is left out rather than counted. */
    private static boolean usable(double iv) {
        return iv > 0 && iv < Double.POSITIVE_INFINITY;
    }
}
