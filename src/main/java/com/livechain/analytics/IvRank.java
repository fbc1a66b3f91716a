package com.livechain.analytics;

/**
 * Where today's implied volatility stands against its past: IV rank and IV percentile, as the contract
 * defines them over a history of one value a trading day.
 * <pre>
 *   ivRank       = (current - min) / (max - min) x 100
 *   ivPercentile = (days with a value below current) / (days) x 100
 * </pre>
 * over the days given, at most the last {@value #WINDOW} (a trading year), the current day included: it is the
 * last of them. Both are NaN (null in JSON) while fewer than {@value #MIN_DAYS} days are known, where a rank
 * says more about the sample than about the market; the rank is also NaN when every day has the same value
 * (the range is empty).
 *
 * @param current      the last day's value, NaN without days
 * @param ivRank       0-100, or NaN
 * @param ivPercentile 0-100, or NaN
 * @param days         how many days the figures are over (at most {@value #WINDOW})
 */
public record IvRank(double current, double ivRank, double ivPercentile, int days) {

    /** A trading year. */
    public static final int WINDOW = 252;
    /** Fewer days than this give no rank. */
    public static final int MIN_DAYS = 20;

    /**
     * @param oldestFirst one value a trading day, oldest first; the last is the current one. NaN entries are
     *                    not days (never stored, but skipped rather than poisoning the minimum)
     */
    public static IvRank of(double[] oldestFirst) {
        int last = oldestFirst.length - 1;
        while (last >= 0 && Double.isNaN(oldestFirst[last])) {
            last--;
        }
        if (last < 0) {
            return new IvRank(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double current = oldestFirst[last];
        int n = 0;
        int below = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = last; i >= 0 && n < WINDOW; i--) {
            double v = oldestFirst[i];
            if (Double.isNaN(v)) {
                continue;
            }
            n++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v < current) {
                below++;
            }
        }
        if (n < MIN_DAYS) {
            return new IvRank(current, Double.NaN, Double.NaN, n);
        }
        double rank = max > min ? (current - min) / (max - min) * 100 : Double.NaN;
        return new IvRank(current, rank, (double) below / n * 100, n);
    }
}
