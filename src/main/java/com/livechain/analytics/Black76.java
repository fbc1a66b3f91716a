package com.livechain.analytics;

/**
 * Black's (1976) model for a European option on a forward: price and the four greeks a chain shows.
 *
 * <p>With forward {@code F}, strike {@code K}, time {@code T} in years, continuously compounded rate
 * {@code r} and volatility {@code sigma}:
 * <pre>
 *   d1 = (ln(F/K) + sigma^2 T / 2) / (sigma sqrt T),   d2 = d1 - sigma sqrt T
 *   call = e^{-rT} (F N(d1) - K N(d2)),                put = e^{-rT} (K N(-d2) - F N(-d1))
 * </pre>
 * (Black, "The pricing of commodity contracts", J. Financial Economics 3, 1976; Hull, <i>Options, Futures,
 * and Other Derivatives</i>, "Black's model" in the futures-options chapter.) An index option is priced on
 * the forward that put-call parity implies ({@link ForwardEstimator}), so no dividend yield or carry has to
 * be guessed: {@code F = S e^{(r-q)T}} is read from the market, and {@code r} only discounts the payoff.
 *
 * <h2>Which greeks, in which units</h2>
 * Greeks are the sensitivities a trader reads on an NSE chain, in the units of the livechain JSON contract:
 * <ul>
 *   <li><b>delta</b> = {@code N(d1)} for a call, {@code N(d1) - 1} for a put. This is the derivative with
 *       respect to the index level {@code S~ = F e^{-rT}} that the forward implies (the prepaid forward),
 *       and equals the Black-Scholes spot delta with no dividend yield, which is what NSE-style chains show
 *       (0.5 at the money, call minus put delta exactly 1). The pure Black-76 futures delta
 *       {@code dC/dF = e^{-rT} N(d1)} is not shown: it is the hedge in futures, smaller by {@code rT}, and
 *       depends on the rate guess. Against the true spot delta {@code e^{-qT} N(d1)} of an index with
 *       dividend yield {@code q} the figure is high by {@code qT}: 0.03% for a weekly NIFTY option.</li>
 *   <li><b>gamma</b> = {@code n(d1) / (S~ sigma sqrt T)}, the derivative of that delta with respect to
 *       {@code S~}: the Black-Scholes spot gamma with no dividend yield.</li>
 *   <li><b>vega</b> = {@code S~ n(d1) sqrt T / 100}: price change for one volatility point (0.01 of sigma),
 *       the same whether spot or forward is held fixed.</li>
 *   <li><b>theta</b> = {@code (-S~ n(d1) sigma / (2 sqrt T) + r * price) / 365}: price change over one
 *       calendar day with the <em>forward</em> held fixed (Hull's theta for an option on a futures price).
 *       Holding the spot fixed instead (Black-Scholes theta) adds a carry term {@code -/+ r S~ N(+/-d1)}
 *       that is not time decay but the drift of the forward at the assumed rate: with r = 10% it moves an
 *       at-the-money weekly NIFTY theta by some 3 rupees a day, up for calls and down for puts. Holding the
 *       forward fixed keeps theta free of the rate guess and equal for an at-the-money call and put.</li>
 * </ul>
 * The Black-76 equation ties them: {@code 365 theta + sigma^2 S~^2 gamma / 2 - r price = 0}.
 *
 * <h2>Edge cases</h2>
 * A non-finite input, a forward or strike that is not positive, or a negative volatility gives NaN. At or
 * after expiry ({@code years <= 0}) the price is the intrinsic value and every greek is NaN (a step
 * function has no useful derivative); with zero volatility the price is the discounted intrinsic value.
 *
 * <p>Every method takes and returns primitives and allocates nothing, except {@link #greeks} returning a
 * {@link Greeks} record (see {@link #greeks(boolean, double, double, double, double, double, MutableGreeks)}
 * for the hot path).
 */
public final class Black76 {

    /** Days in the year for theta: calendar days, as the contract and ACT/365 time to expiry use. */
    static final double DAYS_PER_YEAR = 365.0;

    private Black76() {}

    /**
     * The premium of a European call or put on a forward.
     *
     * @param call    true for a call, false for a put
     * @param forward the forward (or futures) price of the underlying for this expiry, {@code > 0}
     * @param strike  the strike, {@code > 0}
     * @param years   time to expiry in years (ACT/365); {@code <= 0} gives the intrinsic value
     * @param rate    continuously compounded rate used to discount the payoff, e.g. 0.10
     * @param vol     volatility as a fraction per annum (0.15 for 15%), {@code >= 0}
     * @return the premium, or NaN for invalid input
     */
    public static double price(boolean call, double forward, double strike, double years, double rate, double vol) {
        if (!valid(forward, strike, years, rate, vol)) {
            return Double.NaN;
        }
        if (years <= 0) {
            return intrinsic(call, forward, strike);
        }
        double discount = Math.exp(-rate * years);
        double stdDev = vol * Math.sqrt(years);
        if (stdDev == 0) {
            return discount * intrinsic(call, forward, strike);
        }
        return discount * undiscounted(call, forward, strike, stdDev);
    }

    /** The spot-equivalent delta {@code N(d1)} or {@code N(d1) - 1}; see the class documentation. */
    public static double delta(boolean call, double forward, double strike, double years, double rate, double vol) {
        if (!hasGreeks(forward, strike, years, rate, vol)) {
            return Double.NaN;
        }
        double d1 = d1(forward, strike, vol * Math.sqrt(years));
        // N(-d1) rather than N(d1) - 1 keeps a deep out-of-the-money put's delta accurate.
        return call ? StandardNormal.cdf(d1) : -StandardNormal.cdf(-d1);
    }

    /** Gamma per unit of the underlying, {@code n(d1) / (S~ sigma sqrt T)}; the same for calls and puts. */
    public static double gamma(double forward, double strike, double years, double rate, double vol) {
        if (!hasGreeks(forward, strike, years, rate, vol)) {
            return Double.NaN;
        }
        double stdDev = vol * Math.sqrt(years);
        double prepaid = forward * Math.exp(-rate * years);
        return StandardNormal.pdf(d1(forward, strike, stdDev)) / (prepaid * stdDev);
    }

    /** Vega per volatility point (0.01 of sigma); the same for calls and puts. */
    public static double vega(double forward, double strike, double years, double rate, double vol) {
        if (!hasGreeks(forward, strike, years, rate, vol)) {
            return Double.NaN;
        }
        double sqrtT = Math.sqrt(years);
        double prepaid = forward * Math.exp(-rate * years);
        return prepaid * StandardNormal.pdf(d1(forward, strike, vol * sqrtT)) * sqrtT / 100;
    }

    /** Theta per calendar day with the forward held fixed, negative for a long option as a rule. */
    public static double theta(boolean call, double forward, double strike, double years, double rate, double vol) {
        if (!hasGreeks(forward, strike, years, rate, vol)) {
            return Double.NaN;
        }
        double sqrtT = Math.sqrt(years);
        double stdDev = vol * sqrtT;
        double discount = Math.exp(-rate * years);
        double decay = -forward * discount * StandardNormal.pdf(d1(forward, strike, stdDev)) * vol / (2 * sqrtT);
        return (decay + rate * discount * undiscounted(call, forward, strike, stdDev)) / DAYS_PER_YEAR;
    }

    /**
     * All four greeks into a caller-owned holder, allocating nothing: the hot-path variant.
     *
     * @return true when the greeks are defined; false when they are not, and then every field is NaN
     */
    public static boolean greeks(boolean call, double forward, double strike, double years, double rate, double vol,
                                 MutableGreeks into) {
        if (!hasGreeks(forward, strike, years, rate, vol)) {
            into.set(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            return false;
        }
        double sqrtT = Math.sqrt(years);
        double stdDev = vol * sqrtT;
        double discount = Math.exp(-rate * years);
        double prepaid = forward * discount;
        double d1 = d1(forward, strike, stdDev);
        double density = StandardNormal.pdf(d1);
        // For a call N(d1) and N(d2); for a put N(-d1) and N(-d2): two CDF calls either way.
        double sign = call ? 1 : -1;
        double nd1 = StandardNormal.cdf(sign * d1);
        double nd2 = StandardNormal.cdf(sign * (d1 - stdDev));
        double price = sign * discount * (forward * nd1 - strike * nd2);
        into.set(sign * nd1,
                density / (prepaid * stdDev),
                prepaid * density * sqrtT / 100,
                (-prepaid * density * vol / (2 * sqrtT) + rate * price) / DAYS_PER_YEAR);
        return true;
    }

    /** All four greeks as a record (NaN fields when undefined). Allocates unless the JIT scalar-replaces it. */
    public static Greeks greeks(boolean call, double forward, double strike, double years, double rate, double vol) {
        MutableGreeks greeks = new MutableGreeks();
        return greeks(call, forward, strike, years, rate, vol, greeks) ? greeks.toGreeks() : Greeks.UNDEFINED;
    }

    /** {@code F N(d1) - K N(d2)} or {@code K N(-d2) - F N(-d1)} for {@code stdDev = sigma sqrt T > 0}. */
    static double undiscounted(boolean call, double forward, double strike, double stdDev) {
        double d1 = d1(forward, strike, stdDev);
        double d2 = d1 - stdDev;
        return call
                ? forward * StandardNormal.cdf(d1) - strike * StandardNormal.cdf(d2)
                : strike * StandardNormal.cdf(-d2) - forward * StandardNormal.cdf(-d1);
    }

    static double intrinsic(boolean call, double forward, double strike) {
        return Math.max(call ? forward - strike : strike - forward, 0.0);
    }

    private static double d1(double forward, double strike, double stdDev) {
        return Math.log(forward / strike) / stdDev + 0.5 * stdDev;
    }

    private static boolean valid(double forward, double strike, double years, double rate, double vol) {
        return forward > 0 && forward < Double.POSITIVE_INFINITY
                && strike > 0 && strike < Double.POSITIVE_INFINITY
                && vol >= 0 && vol < Double.POSITIVE_INFINITY
                && Double.isFinite(years) && Double.isFinite(rate);
    }

    private static boolean hasGreeks(double forward, double strike, double years, double rate, double vol) {
        return valid(forward, strike, years, rate, vol) && years > 0 && vol > 0;
    }
}
