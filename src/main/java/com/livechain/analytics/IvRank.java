package com.livechain.analytics;

/**
 * Where today's implied volatility stands against its past, as the contract defines both figures over a history
 * of one value a trading day:
 * <pre>
 *   ivRank       = (current - min) / (max - min) x 100
 *   ivPercentile = (days with a value below current) / (days) x 100
 * </pre>
 * over the days given, at most the last {@value #MAX_DAYS} (a trading year). Both are NaN (null in JSON) until the
 * history holds {@value #MIN_DAYS} days: a rank over a fortnight says more about the sample than about the market.
 * The rank is also NaN when every day has the same value (the range is empty).
 *
 * <p>IV rank is the one tastytrade popularised (position of today's IV in the year's range); IV percentile is the
 * fraction-of-days form that a single spike cannot squash (docs/analytics.md, "IV rank and percentile"). The
 * static forms are allocation-free over a caller's array, oldest day first, for the live summary; {@link #of}
 * is the history's form, whose last day is the current one.
 *
 * @param current      the last day's value, NaN without days
 * @param ivRank       0-100 (above 100 when today is above the year's high), or NaN
 * @param ivPercentile 0-100, or NaN
 * @param days         how many usable days the figures are over (at most {@value #MAX_DAYS})
 */
public record IvRank(double current, double ivRank, double ivPercentile, int days) {

    /** Days of history needed before either figure is shown. */
    public static final int MIN_DAYS = 20;
    /** A trading year: the window both figures are taken over. */
    public static final int MAX_DAYS = 252;

    /**
     * @param oldestFirst one value a trading day, oldest first; the last usable one is the current one. Missing
     *                    (NaN) or nonsensical (not positive) entries are not days
     */
    public static IvRank of(double[] oldestFirst) {
        int last = oldestFirst.length - 1;
        while (last >= 0 && !usable(oldestFirst[last])) {
            last--;
        }
        if (last < 0) {
            return new IvRank(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int count = last + 1;
        int used = 0;
        for (int i = Math.max(0, count - MAX_DAYS); i < count; i++) {
            if (usable(oldestFirst[i])) {
                used++;
            }
        }
        double current = oldestFirst[last];
        return new IvRank(current, rank(current, oldestFirst, count), percentile(current, oldestFirst, count), used);
    }

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
