package com.livechain.universe;

import com.livechain.chain.Instrument;
import com.livechain.chain.UnderlyingRef;
import java.util.List;

/** Everything the instrument list says about one underlying: its own id and its live option contracts. */
public record UnderlyingUniverse(UnderlyingRef underlying, List<Instrument> options) {

    public UnderlyingUniverse {
        options = List.copyOf(options);
    }
}
