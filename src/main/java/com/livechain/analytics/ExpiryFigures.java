package com.livechain.analytics;

/**
 * The figures of one expiry's chain that a trader follows through the day: the parity forward, the
 * at-the-money strike with its implied volatility and straddle, and the open-interest summary. Computed from
 * one consistent read of the chain, as parallel arrays (one entry per strike), with the same rules as the live
 * chain view, so a recorded figure equals what {@code /options/live} showed at that moment.
 *
 * <ul>
 *   <li><b>ATM strike</b>: the listed strike nearest the underlying's last price (the lowest on a tie), the
 *       {@code atmStrike} of {@code /options/live}.</li>
 *   <li><b>ATM IV</b>: the mean of the call's and the put's Black-76 IV at that strike, each solved from its
 *       {@link OptionPremium} on the {@link ForwardEstimator} forward; one side alone when the other has no IV
 *       (no premium, or a premium at intrinsic value); NaN when neither has.</li>
 *   <li><b>Straddle</b>: the ATM call's plus the ATM put's premium ({@link OptionPremium}: the mid when both
 *       sides are quoted); NaN unless both legs have one.</li>
 * </ul>
 *
 * @param forward    the parity forward ({@link ForwardEstimator}); NaN without a spot
 * @param years      time to expiry the figures were computed for (ACT/365)
 * @param atmIndex   index of the ATM strike in the arrays given, -1 without a spot or strikes
 * @param atmStrike  the ATM strike, NaN when {@code atmIndex} is -1
 * @param atmCallIv  the ATM call's IV as a fraction per annum (0.13 for 13%), NaN when none
 * @param atmPutIv   the ATM put's IV as a fraction, NaN when none
 * @param atmIv      see above, as a fraction per annum
 * @param straddle   see above, in index points
 * @param oi         PCR, max pain and the open-interest totals over every strike given
 */
public record ExpiryFigures(double forward, double years, int atmIndex, double atmStrike,
                            double atmCallIv, double atmPutIv, double atmIv, double straddle, ChainSummary oi) {

    /**
     * @param spot          the underlying's last price; NaN when none
     * @param years         time to expiry (ACT/365, {@link ExpiryClock#yearsBetween})
     * @param rate          the Black-76 discount rate ({@code livechain.analytics.rate})
     * @param strikes       strikes, strictly ascending
     * @param callPremiums  {@link OptionPremium} per strike, NaN when missing or no call is listed
     * @param putPremiums   the same for puts
     * @param ceOi          call open interest, -1 unknown
     * @param peOi          put open interest, -1 unknown
     * @param cePrevOi      call open interest at the previous close, -1 unknown
     * @param pePrevOi      put open interest at the previous close, -1 unknown
     */
    public static ExpiryFigures of(double spot, double years, double rate, double[] strikes,
                                   double[] callPremiums, double[] putPremiums,
                                   long[] ceOi, long[] peOi, long[] cePrevOi, long[] pePrevOi) {
        ChainSummary summary = ChainSummary.of(strikes, ceOi, peOi, cePrevOi, pePrevOi);
        double forward = Double.isNaN(spot) ? Double.NaN
                : ForwardEstimator.impliedForward(strikes, callPremiums, putPremiums, spot, years, rate);
        int atm = atmIndex(strikes, spot);
        if (atm < 0) {
            return new ExpiryFigures(forward, years, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    summary);
        }
        double strike = strikes[atm];
        double callIv = impliedVolatility(true, callPremiums[atm], forward, strike, years, rate);
        double putIv = impliedVolatility(false, putPremiums[atm], forward, strike, years, rate);
        double atmIv = Double.isNaN(callIv) ? putIv : Double.isNaN(putIv) ? callIv : (callIv + putIv) / 2;
        double straddle = callPremiums[atm] + putPremiums[atm];
        return new ExpiryFigures(forward, years, atm, strike, callIv, putIv, atmIv, straddle, summary);
    }

    /**
     * The Black-76 IV of one leg as the chain view computes it: from its premium on the parity forward; NaN when
     * the forward or the premium is missing or the premium has no time value.
     */
    public static double impliedVolatility(boolean call, double premium, double forward, double strike,
                                           double years, double rate) {
        if (Double.isNaN(forward) || Double.isNaN(premium)) {
            return Double.NaN;
        }
        return ImpliedVolatility.solve(call, premium, forward, strike, years, rate);
    }

    /** Index of the strike nearest {@code spot}, the lowest on a tie; -1 without a spot or strikes. */
    public static int atmIndex(double[] strikes, double spot) {
        if (Double.isNaN(spot) || strikes.length == 0) {
            return -1;
        }
        int best = 0;
        double bestGap = Double.MAX_VALUE;
        for (int i = 0; i < strikes.length; i++) {
            double gap = Math.abs(strikes[i] - spot);
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    /**
     * The one-standard-deviation move to expiry the ATM IV prices in: {@code forward x atmIv x sqrt(years)}, in
     * index points (the contract's {@code expectedMove}); NaN when either is missing or the option has expired.
     */
    public double expectedMove() {
        return years > 0 ? forward * atmIv * Math.sqrt(years) : Double.NaN;
    }
}
