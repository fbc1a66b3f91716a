package com.livechain.dhan.rest;

import java.math.BigDecimal;

/**
 * One spelling for a strike. Dhan writes the same strike as {@code 24000.00000} in the scrip master
 * and {@code 24000.000000} as an option-chain key; {@link BigDecimal#equals} tells those apart, so
 * every strike that leaves this package is canonical: no trailing zeros, never a negative scale
 * ({@code 24000}, {@code 24050.5}). Canonical strikes are equal when their values are.
 */
public final class StrikePrices {

    private StrikePrices() {
    }

    public static BigDecimal canonical(BigDecimal strike) {
        BigDecimal stripped = strike.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Parses a decimal string such as {@code 25650.000000}; throws {@link NumberFormatException} otherwise. */
    public static BigDecimal parse(String text) {
        return canonical(new BigDecimal(text.trim()));
    }
}
