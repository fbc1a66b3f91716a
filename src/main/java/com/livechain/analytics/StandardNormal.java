package com.livechain.analytics;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.InverseErfc;

/**
 * The standard normal distribution, as the pricing code needs it: density, cumulative and inverse.
 *
 * <p>The cumulative is {@code N(x) = erfc(-x / sqrt 2) / 2} with Apache Commons Numbers' {@link Erfc}, a
 * port of Boost's rational approximations (Boost.Math {@code erf.hpp}), accurate to a few ulp and, unlike
 * {@code 1 - N(-x)}, accurate in <em>relative</em> terms deep in the lower tail. That relative accuracy is
 * what lets the implied volatility solver work on far out-of-the-money prices of 1e-12 of the forward.
 * It was measured against Hart's algorithm 5666 as given by West, "Better approximations to cumulative
 * normal functions" (Wilmott, 2005): see {@code CumulativeNormalBenchmark} and {@code docs/analytics.md}.
 */
final class StandardNormal {

    /** 1 / sqrt(2 pi). */
    static final double INV_SQRT_2PI = 0.3989422804014327;

    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double SQRT2 = 1.4142135623730951;

    private StandardNormal() {}

    /** The density {@code exp(-x^2/2) / sqrt(2 pi)}. */
    static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** The cumulative {@code P(X <= x)}. */
    static double cdf(double x) {
        return 0.5 * Erfc.value(-x * INV_SQRT2);
    }

    /** The quantile: the x with {@code cdf(x) == p}; -inf at 0, +inf at 1, NaN outside [0, 1]. */
    static double inverseCdf(double p) {
        return -SQRT2 * InverseErfc.value(2 * p);
    }
}
