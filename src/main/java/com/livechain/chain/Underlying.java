package com.livechain.chain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An underlying whose chains are kept: its identity, its live price slot, and the contract facts
 * every expiry shares.
 *
 * @param strikeStep the most frequent gap between listed strikes of the nearest expiry, derived (never configured)
 */
public record Underlying(UnderlyingRef ref, Leg spot, int lotSize, BigDecimal strikeStep) {

    /**
     * What an underlying symbol may look like, in configuration and in requests alike: Dhan's index symbols are
     * letters and digits, and '&', '_' and '-' keep room for names such as M&M. A constant, so that annotations
     * can use it.
     */
    public static final String SYMBOL_PATTERN = "[A-Za-z0-9&_-]{1,32}";

    public Underlying {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(spot, "spot");
        Objects.requireNonNull(strikeStep, "strikeStep");
    }

    public String symbol() {
        return ref.symbol();
    }
}
