package com.livechain.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.apache.commons.numbers.gamma.Erfc;
import org.junit.jupiter.api.Test;

import com.livechain.analytics.Black76;

/**
 * A chain priced with Black-76 on a known smile, read back: the smile's points are its out-of-the-money legs with
 * the IVs it was priced on, and the 25-delta IVs are within the interpolation's error of the exact ones, found here
 * independently by solving {@code N(d1(K, sigma(K))) = 0.25} (and 0.75 for the put) for the strike by bisection.
 */
class SmileTest {

    static final double RATE = 0.10;
    static final double FORWARD = 26_040;
    static final double YEARS = 7 / 365.0;

    /** A NIFTY-weekly-like smile: 13% at the forward, puts dearer, curved. */
    static double vol(double strike) {
        double k = Math.log(strike / FORWARD);
        return 0.13 - 0.6 * k + 12 * k * k;
    }

    static double[] strikes() {
        double[] strikes = new double[81];
        for (int i = 0; i < strikes.length; i++) {
            strikes[i] = 24_000 + 50 * i;
        }
        return strikes;
    }

    static Smile priced(double[] strikes) {
        double[] calls = new double[strikes.length];
        double[] puts = new double[strikes.length];
        for (int i = 0; i < strikes.length; i++) {
            calls[i] = Black76.price(true, FORWARD, strikes[i], YEARS, RATE, vol(strikes[i]));
            puts[i] = Black76.price(false, FORWARD, strikes[i], YEARS, RATE, vol(strikes[i]));
        }
        return Smile.of(strikes, calls, puts, FORWARD, YEARS, RATE);
    }

    @Test
    void thePointsAreTheOutOfTheMoneyLegsWithTheIvsTheyWerePricedOn() {
        double[] strikes = strikes();
        Smile smile = priced(strikes);
        assertThat(smile.size()).isEqualTo(strikes.length);
        for (int i = 0; i < smile.size(); i++) {
            double k = smile.strike(i);
            assertThat(smile.iv(i)).as("iv at %s", k).isCloseTo(vol(k), within(1e-9));
            boolean call = k >= FORWARD;
            assertThat(smile.delta(i)).as("delta at %s", k)
                    .isCloseTo(Black76.delta(call, FORWARD, k, YEARS, RATE, vol(k)), within(1e-9));
            assertThat(smile.delta(i) < 0).as("a put below the forward at %s", k).isEqualTo(k < FORWARD);
        }
    }

    @Test
    void a25DeltaIvIsTheSmilesIvAtThe25DeltaStrikeWithinTheInterpolationError() {
        ExpirySurface surface = ExpirySurface.of(LocalDate.of(2026, 12, 8), priced(strikes()));
        double call25 = vol(strikeAtCallDelta(0.25));
        double put25 = vol(strikeAtCallDelta(0.75));
        // Linear in delta over one 50-point strike gap on this curvature, worked independently (Python, math.erfc):
        // off by 5e-7 (call), 1.5e-5 (put) and 7e-6 (ATM, linear in log-moneyness): 0.0015 IV points at most.
        assertThat(surface.call25()).isCloseTo(call25, within(2e-5));
        assertThat(surface.put25()).isCloseTo(put25, within(2e-5));
        assertThat(surface.atmIv()).as("at the forward, between 26000 and 26050").isCloseTo(vol(FORWARD), within(2e-5));
        assertThat(surface.rr25()).isCloseTo(call25 - put25, within(4e-5));
        assertThat(surface.bf25()).isCloseTo((call25 + put25) / 2 - vol(FORWARD), within(4e-5));
        assertThat(surface.rr25()).as("puts dearer").isNegative();
        assertThat(surface.bf25()).as("a curved smile").isPositive();
    }

    @Test
    void legsWithoutAPremiumOrTimeValueAreLeftOut() {
        double[] strikes = {25_900, 26_000, 26_100, 26_200};
        double nan = Double.NaN;
        double[] calls = {nan, nan, Black76.price(true, FORWARD, 26_100, YEARS, RATE, 0.13), 0.0001};
        double[] puts = {Black76.price(false, FORWARD, 25_900, YEARS, RATE, 0.14), nan, 999, nan};
        Smile smile = Smile.of(strikes, calls, puts, FORWARD, YEARS, RATE);
        // 26000 (a put, below the forward) has no premium; 26200's tiny call premium still has an IV; 25900 and
        // 26100 are priced on the smile. Only missing premiums and those without an IV drop out.
        assertThat(smile.size()).isEqualTo(3);
        assertThat(smile.strike(0)).isEqualTo(25_900);
        assertThat(smile.strike(1)).isEqualTo(26_100);
        assertThat(smile.iv(1)).isCloseTo(0.13, within(1e-9));
        assertThat(Smile.of(strikes, calls, puts, Double.NaN, YEARS, RATE).size()).as("no forward").isZero();
        assertThat(Smile.of(strikes, calls, puts, FORWARD, 0, RATE).size()).as("expired").isZero();
    }

    /** The strike whose call delta on the smile's own IV is {@code delta}: bisection, independent of the code. */
    static double strikeAtCallDelta(double delta) {
        double lo = 20_000;
        double hi = 32_000;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (callDelta(mid) > delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double callDelta(double strike) {
        double s = vol(strike) * Math.sqrt(YEARS);
        double d1 = (Math.log(FORWARD / strike) + s * s / 2) / s;
        return Erfc.value(-d1 / Math.sqrt(2)) / 2;
    }
}
