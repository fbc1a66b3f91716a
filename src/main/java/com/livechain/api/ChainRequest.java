package com.livechain.api;

import java.util.List;
import java.util.Objects;

import com.livechain.chain.ChainKey;
import com.livechain.chain.OptionChain;

/**
 * A chain request that can be served: the chain found, what else is listed, and the window asked for.
 *
 * @param source          {@code DHAN} or {@code SIMULATED}, as the body's {@code source} says
 * @param expiries        the underlying's live expiries, ISO dates ascending
 * @param strikesEachSide the strikes each side of ATM, {@code null} for all
 * @param nearestExpiry   no expiry was named: the nearest was chosen, and a subscription rolls on when it closes
 */
public record ChainRequest(String source, OptionChain chain, List<String> expiries, Integer strikesEachSide,
                           boolean nearestExpiry) {

    public ChainRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(chain, "chain");
        expiries = List.copyOf(expiries);
    }

    public ChainKey key() {
        return chain.key();
    }
}
