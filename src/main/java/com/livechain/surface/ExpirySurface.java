package com.livechain.surface;

import java.time.LocalDate;

import com.livechain.analytics.AtmFigures;

/**
 * One expiry's row of the surface: the figures the contract names, as fractions and index points (the view turns
 * IVs into percent). Undefined figures are NaN.
 *
 * @param expiry  the expiry date
 * @param years   time to expiry the figures were computed for (ACT/365 to 15:30 IST)
 * @param forward the parity forward every IV is solved on
 * @param atmIv   the at-the-money-forward IV ({@link SmileFigures#atmIv})
 * @param call25  the IV of the 25-delta call ({@link SmileFigures#ivAtCallDelta})
 * @param put25   the IV of the 25-delta put ({@link SmileFigures#ivAtPutDelta})
 * @param smile   the out-of-the-money smile the figures were read from
 */
record ExpirySurface(LocalDate expiry, double years, double forward, double atmIv, double call25, double put25,
                     Smile smile) {

    static ExpirySurface of(LocalDate expiry, Smile smile) {
        return new ExpirySurface(expiry, smile.years(), smile.forward(), SmileFigures.atmIv(smile),
                SmileFigures.ivAtCallDelta(smile, SmileFigures.DELTA_25),
                SmileFigures.ivAtPutDelta(smile, -SmileFigures.DELTA_25), smile);
    }

    /** Calendar days to expiry: {@code years x 365}. */
    double days() {
        return years * 365;
    }

    /** The 25-delta risk reversal: IV(25-delta call) - IV(25-delta put); negative when puts are dearer. */
    double rr25() {
        return call25 - put25;
    }

    /** The 25-delta butterfly: the mean of the 25-delta call's and put's IV less the ATM IV. */
    double bf25() {
        return (call25 + put25) / 2 - atmIv;
    }

    /** The one-standard-deviation move to expiry, {@code forward x atmIv x sqrt(years)}, in index points. */
    double expectedMove() {
        return AtmFigures.expectedMove(forward, atmIv, years);
    }
}
