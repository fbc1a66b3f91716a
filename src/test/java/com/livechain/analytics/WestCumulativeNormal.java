package com.livechain.analytics;

/**
 * The double-precision cumulative normal of Hart (1968, algorithm 5666) as published by G. West, "Better
 * approximations to cumulative normal functions", Wilmott Magazine (May 2005), figure 2: a rational
 * function times {@code exp(-x^2/2)} below {@code 10/sqrt 2}, a five-term continued fraction above it.
 *
 * <p>Kept in test code only as the contender {@link StandardNormal} was measured against (see
 * {@code CumulativeNormalBenchmark} and {@code docs/analytics.md}): it is no faster than Commons' erfc on
 * JDK 17 and its relative error in the far tail (continued fraction past 7.07) is orders of magnitude worse.
 */
final class WestCumulativeNormal {

    private WestCumulativeNormal() {}

    static double cdf(double x) {
        double z = Math.abs(x);
        double tail;
        if (z > 37) {
            tail = 0;
        } else {
            double e = Math.exp(-0.5 * z * z);
            if (z < 7.07106781186547) {
                double num = ((((((3.52624965998911E-02 * z + 0.700383064443688) * z + 6.37396220353165) * z
                        + 33.912866078383) * z + 112.079291497871) * z + 221.213596169931) * z + 220.206867912376);
                double den = (((((((8.83883476483184E-02 * z + 1.75566716318264) * z + 16.064177579207) * z
                        + 86.7807322029461) * z + 296.564248779674) * z + 637.333633378831) * z
                        + 793.826512519948) * z + 440.413735824752);
                tail = e * num / den;
            } else {
                double cf = z + 0.65;
                cf = z + 4 / cf;
                cf = z + 3 / cf;
                cf = z + 2 / cf;
                cf = z + 1 / cf;
                tail = e / cf / 2.506628274631;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }
}
