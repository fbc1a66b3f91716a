package com.livechain.universe;

import com.livechain.chain.UnderlyingRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the chain needs from a broker: the instrument universe and the option-chain calls.
 * Implemented over HTTP in {@code dhan.rest}; the chain never sees HTTP.
 * Every method throws {@link MarketDataException} on failure.
 */
public interface MarketDataSource {

    /** Reads the instrument list once and keeps the index options of {@code symbols} that have not expired by {@code today}. */
    UniverseLoad loadUniverse(Set<String> symbols, LocalDate today);

    /** The expiries Dhan lists for the underlying. An authenticated call: it proves the credentials. */
    List<LocalDate> expiries(UnderlyingRef underlying);

    /** Dhan's option-chain snapshot for one expiry: prices before the first tick and outside market hours. */
    OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry);
}
