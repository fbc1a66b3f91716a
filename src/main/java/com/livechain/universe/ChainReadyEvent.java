package com.livechain.universe;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.MarketSource;
import java.util.Objects;

/**
 * Published once the start-up loader has filled the cache. The feed listens for it to subscribe
 * every slot of the index; the chain itself knows nothing of the feed.
 */
public record ChainReadyEvent(InstrumentIndex index, MarketSource source) {

    public ChainReadyEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(source, "source");
    }
}
