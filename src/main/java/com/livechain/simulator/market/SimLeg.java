package com.livechain.simulator.market;

import com.livechain.chain.OptionType;

/** One simulated option contract. */
public final class SimLeg extends SimInstrument {

    public final SimExpiry expiry;
    public final int strike;
    public final OptionType type;
    /** Sum of price x quantity over the day's trades, for the average traded price. */
    double notional;

    SimLeg(int ordinal, long securityId, SimExpiry expiry, int strike, OptionType type) {
        super(ordinal, expiry.index.spec.optionSegment(), securityId);
        this.expiry = expiry;
        this.strike = strike;
        this.type = type;
    }

    public boolean call() {
        return type == OptionType.CE;
    }

    @Override
    boolean isIndex() {
        return false;
    }
}
