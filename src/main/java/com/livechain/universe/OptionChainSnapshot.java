package com.livechain.universe;

import com.livechain.chain.SnapshotLeg;
import java.util.List;

/** Dhan's option-chain snapshot for one underlying and expiry: the underlying's last price and every leg. */
public record OptionChainSnapshot(double underlyingLtp, List<SnapshotLeg> legs) {

    public OptionChainSnapshot {
        legs = List.copyOf(legs);
    }
}
