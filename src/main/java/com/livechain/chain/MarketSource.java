package com.livechain.chain;

/** Where the prices in the cache come from; every API response says it so a simulated chain is never mistaken for the market. */
public enum MarketSource {
    DHAN,
    SIMULATED
}
