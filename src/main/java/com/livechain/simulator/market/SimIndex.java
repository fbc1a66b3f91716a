package com.livechain.simulator.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.livechain.chain.ExchangeSegment;

/** A simulated index: its price path and its listed expiries. */
public final class SimIndex extends SimInstrument {

    public final IndexSpec spec;
    public final List<SimExpiry> expiries = new ArrayList<>();
    /** Unrounded level of the geometric Brownian motion; {@link #ltp} is it rounded to the 0.05 tick. */
    double spot;
    /** Random walk added to every implied volatility of the index, so the smile breathes a little. */
    double volShift;
    /** Previous close of the index level, the start of the day's path. */
    double prevSpot;

    SimIndex(int ordinal, IndexSpec spec) {
        super(ordinal, ExchangeSegment.IDX_I, spec.securityId());
        this.spec = spec;
    }

    @Override
    boolean isIndex() {
        return true;
    }

    SimExpiry expiry(LocalDate date) {
        for (SimExpiry e : expiries) {
            if (e.date.equals(date)) {
                return e;
            }
        }
        return null;
    }
}
