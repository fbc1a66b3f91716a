package com.livechain.simulator;

import com.livechain.chain.OptionType;

/** One simulated option contract. */
final class SimLeg extends SimInstrument {

    final SimExpiry expiry;
    final int strike;
    final OptionType type;
    /** Sum of price x quantity over the day's trades, for the average traded price. */
    double notional;

    SimLeg(int ordinal, long securityId, SimExpiry expiry, int strike, OptionType type) {
        super(ordinal, expiry.index.spec.optionSegment(), securityId);
        this.expiry = expiry;
        this.strike = strike;
        this.type = type;
    }

    boolean call() {
        return type == OptionType.CE;
    }

    @Override
    boolean isIndex() {
        return false;
    }
}
