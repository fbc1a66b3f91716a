package com.livechain.analytics;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.InverseErf;

/**
 * Black-76 implied volatility: the {@code sigma} at which {@link Black76#price} equals a market premium.
 *
 * <h2>Method</h2>
 * The problem is first reduced, as in P. Jaeckel, "Let's be rational" (Wilmott, 2015), to the normalised
 * price of an <em>out-of-the-money call</em>
 * <pre>
 *   b(x, s) = e^{x/2} N(x/s + s/2) - e^{-x/2} N(x/s - s/2),   x = -|ln(F/K)| &lt;= 0,  s = sigma sqrt T,
 * </pre>
 * using parity to swap an in-the-money option for its out-of-the-money twin (the twin's premium is the time
 * value; it carries all the information, and the ITM formula would lose it in cancellation) and symmetry to
 * make a put a call. {@code b} rises from 0 (s = 0) to {@code e^{x/2}} (s = infinity).
 *
 * <p>The root of {@code f(s) = ln b(s) - ln beta} is then found by Halley's method, safeguarded by bisection
 * inside a bracket that every iterate narrows. The logarithm is what makes this robust: {@code b} itself is
 * convex then concave in {@code s} (inflection at {@code s_c = sqrt(2|x|)}, Jaeckel 2015) and
 * astronomically flat for small {@code s}, where plain Newton on the price crawls or overshoots, while
 * {@code ln b} behaves like {@code -x^2 / (2 s^2)} there. Its derivatives are closed form and cheap:
 * {@code f' = b'/b} with {@code b' = e^{-x^2/(2s^2) - s^2/8} / sqrt(2 pi)} (the normalised vega), and
 * {@code f'' = f' (x^2/s^3 - s/4) - f'^2}.
 *
 * <p>The start: exact at the money ({@code b(0, s) = erf(s / (2 sqrt 2))}); below {@code b(x, s_c)} the
 * fixed point of the small-{@code s} asymptote {@code b ~ s^3 / (x^2 sqrt(2 pi)) e^{-x^2/(2 s^2)}} (the
 * Mills-ratio expansion of both tails); above it the large-{@code s} asymptote
 * {@code b_max - b ~ (e^{x/2} + e^{-x/2}) N(-s/2)}. These are cruder than Jaeckel's rational-cubic starts,
 * so this is not his two-step method, but with Halley's cubic convergence it takes 2.8 evaluations of
 * {@code b} on average (plus one at {@code s_c} to choose the branch) and never more than 7 over a grid of
 * 114 180 points (strikes 0.5..1.5 F, vols 1%..500%, one hour..one year, calls and puts).
 *
 * <h2>No implied volatility → NaN</h2>
 * Non-finite input, a forward or strike not positive, {@code years <= 0} (at or after expiry), a premium at
 * or below the discounted intrinsic value, or above it by no more than rounding (2e-15 of the premium): no
 * time value, so the quote carries no volatility information and a chain shows null rather than a
 * misleading 0. Also a premium at or above the no-arbitrage bound (the discounted
 * forward for a call, discounted strike for a put).
 */
public final class ImpliedVolatility {

    private static final int MAX_ITERATIONS = 64;
    private static final double CONVERGED = 1e-6;
    /** Eight ulps of relative rounding, about 1.8e-15. */
    private static final double NOISE = 8 * Math.ulp(1.0);
    private static final double SQRT_2PI = 2.5066282746310002;
    private static final double TWO_SQRT2 = 2.8284271247461903;

    private ImpliedVolatility() {}

    /**
     * The Black-76 volatility implied by a premium.
     *
     * @param call    true for a call, false for a put
     * @param price   the option premium (discounted, as quoted)
     * @param forward the forward for this expiry, {@code > 0}
     * @param strike  the strike, {@code > 0}
     * @param years   time to expiry in years, {@code > 0}
     * @param rate    continuously compounded discount rate
     * @return the volatility as a fraction per annum (0.15 for 15%), or NaN when none exists
     */
    public static double solve(boolean call, double price, double forward, double strike, double years, double rate) {
        if (!(forward > 0 && forward < Double.POSITIVE_INFINITY && strike > 0 && strike < Double.POSITIVE_INFINITY
                && years > 0 && years < Double.POSITIVE_INFINITY && Double.isFinite(rate) && Double.isFinite(price))) {
            return Double.NaN;
        }
        double undiscounted = price * Math.exp(rate * years);
        double intrinsic = Black76.intrinsic(call, forward, strike);
        // Parity: an in-the-money premium minus its intrinsic value is the out-of-the-money twin's premium.
        double timeValue = undiscounted - intrinsic;
        // A time value within rounding of the premium (a quote at intrinsic, discounted and undiscounted
        // again) is noise, not information.
        if (!(timeValue > NOISE * undiscounted)) {
            return Double.NaN;
        }
        double ratio = Math.min(forward, strike) / Math.max(forward, strike);
        double x = Math.log(ratio);
        double halfGrowth = Math.sqrt(ratio);
        double beta = timeValue / Math.sqrt(forward * strike);
        if (!(beta < halfGrowth)) {
            return Double.NaN;
        }
        double s = normalisedVolatility(beta, x, halfGrowth);
        return s / Math.sqrt(years);
    }

    /**
     * The {@code s = sigma sqrt T} with {@code b(x, s) = beta}, for {@code x <= 0} and
     * {@code 0 < beta < e^{x/2}}; {@code halfGrowth} is {@code e^{x/2}}, passed in so no iteration pays
     * for an exponential it can share.
     */
    static double normalisedVolatility(double beta, double x, double halfGrowth) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double s;
        if (x == 0) {
            s = TWO_SQRT2 * InverseErf.value(beta);
        } else {
            double sc = Math.sqrt(-2 * x);
            // At the inflection d1 = x/s_c + s_c/2 = 0, so b(x, s_c) needs one normal CDF, not two.
            double bc = 0.5 * halfGrowth - StandardNormal.cdf(-sc) / halfGrowth;
            if (beta < bc) {
                hi = sc;
                s = Math.min(lowerGuess(beta, x), sc);
            } else {
                lo = sc;
                s = Math.max(upperGuess(beta, halfGrowth), sc);
            }
        }
        double target = Math.log(beta);
        double xx = x * x;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double b = normalisedPrice(x, s, halfGrowth);
            double next;
            if (b > 0) {
                double f = Math.log(b) - target;
                if (f == 0) {
                    return s;
                }
                if (f < 0) {
                    lo = Math.max(lo, s);
                } else {
                    hi = Math.min(hi, s);
                }
                double vega = Math.exp(-0.5 * xx / (s * s) - 0.125 * s * s) / SQRT_2PI;
                double f1 = vega / b;
                double f2 = f1 * (xx / (s * s * s) - 0.25 * s) - f1 * f1;
                // Halley: s - 2 f f' / (2 f'^2 - f f'').
                next = s - 2 * f * f1 / (2 * f1 * f1 - f * f2);
                // Halley converges cubically, so after a step below 1e-6 relative the error is of order 1e-18:
                // stop without another evaluation. Waiting for the step to reach an ulp would chase the
                // rounding noise of b (about 1e-13 deep in the wings, where b is a difference of two close
                // tail probabilities) and could take a bisection step instead.
                if (Math.abs(next - s) <= CONVERGED * s) {
                    return next;
                }
            } else {
                // b underflowed: s is far below the root.
                lo = Math.max(lo, s);
                next = Double.NaN;
            }
            if (!(next > lo && next < hi)) {
                next = hi == Double.POSITIVE_INFINITY ? 2 * Math.max(s, lo) + 1e-3 : 0.5 * (lo + hi);
            }
            s = next;
        }
        return s;
    }

    /**
     * {@code b(x, s)} for {@code x <= 0}, {@code s > 0}: the OTM call premium over {@code sqrt(F K)};
     * {@code halfGrowth = e^{x/2}}.
     */
    static double normalisedPrice(double x, double s, double halfGrowth) {
        if (x == 0) {
            // erf keeps full relative precision for small s, where N(s/2) - N(-s/2) would cancel.
            return Erf.value(s / TWO_SQRT2);
        }
        double xs = x / s;
        double h = 0.5 * s;
        return halfGrowth * StandardNormal.cdf(xs + h) - StandardNormal.cdf(xs - h) / halfGrowth;
    }

    /**
     * Start below the inflection: the fixed point of {@code ln b = -x^2/(2s^2) + ln(s^3 / (x^2 sqrt(2 pi)))},
     * the leading term of {@code b} when both normal tails are replaced by their Mills-ratio asymptotes.
     */
    private static double lowerGuess(double beta, double x) {
        double xx = x * x;
        double logBeta = Math.log(beta);
        double s = -x / Math.sqrt(-2 * logBeta);
        for (int i = 0; i < 3; i++) {
            double denominator = 2 * (Math.log(s * s * s / (xx * SQRT_2PI)) - logBeta);
            if (!(denominator > 0)) {
                break;
            }
            s = -x / Math.sqrt(denominator);
        }
        return s;
    }

    /** Start above the inflection: {@code e^{x/2} - b ~ (e^{x/2} + e^{-x/2}) N(-s/2)} for large s. */
    private static double upperGuess(double beta, double halfGrowth) {
        double gap = (halfGrowth - beta) / (halfGrowth + 1 / halfGrowth);
        return -2 * StandardNormal.inverseCdf(gap);
    }
}
