package com.livechain.api.push;

import java.util.Objects;

import com.livechain.chain.ChainKey;

/**
 * What a group of sessions is shown: one chain and the strikes each side of ATM ({@code null} = all). Sessions
 * with the same window share every rendering and every message.
 */
record ChainWindow(ChainKey chain, Integer strikesEachSide) {

    ChainWindow {
        Objects.requireNonNull(chain, "chain");
    }
}
