package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The normal CDF against reference values computed with mpmath 1.3 at 40 significant digits
 * ({@code mpmath.ncdf(x)}), shown here to 20. Relative accuracy in the lower tail is what the implied
 * volatility solver relies on, so the tolerance is relative.
 */
class StandardNormalTest {

    @ParameterizedTest
    @CsvSource({
            "-37,   5.7255712225245768227e-300",
            "-30,   4.9067139271481870595e-198",
            "-20,   2.7536241186062336951e-89",
            "-10,   7.619853024160526066e-24",
            "-8,    6.2209605742717841235e-16",
            "-7,    1.2798125438858350044e-12",
            "-5,    2.8665157187919391167e-7",
            "-3,    0.0013498980316300945267",
            "-1,    0.15865525393145705141",
            "-0.001, 0.49960105778608893741",
            "0,     0.5",
            "0.5,   0.69146246127401310364",
            "3,     0.99865010196836990547",
            "8,     0.9999999999999993779",
    })
    void cdfIsAccurateToALowRelativeError(double x, double expected) {
        // erfc(-x/sqrt 2): rounding -x/sqrt 2 costs about x^2 ulps relatively, 1.4e-13 at x = -37.
        double tolerance = Math.max(1e-14, 1.5e-16 * x * x);
        assertThat(StandardNormal.cdf(x)).isCloseTo(expected, within(tolerance * expected));
    }

    @Test
    void quantileInvertsTheCdf() {
        for (double p : new double[] {1e-300, 1e-12, 0.001, 0.3, 0.5, 0.9, 1 - 1e-12}) {
            // The quantile is good to an ulp or two of x, which moves cdf(x) by |x| ulps relatively.
            assertThat(StandardNormal.cdf(StandardNormal.inverseCdf(p))).isCloseTo(p, within(1e-12 * p));
        }
        assertThat(StandardNormal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void pdfIsTheGaussianDensity() {
        assertThat(StandardNormal.pdf(0)).isCloseTo(0.3989422804014327, within(1e-16));
        assertThat(StandardNormal.pdf(-1.5)).isCloseTo(StandardNormal.pdf(1.5), within(0.0));
    }
}
