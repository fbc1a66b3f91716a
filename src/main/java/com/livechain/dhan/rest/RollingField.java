package com.livechain.dhan.rest;

import java.util.Locale;

/**
 * The series {@code POST /v2/charts/rollingoption} can return, as its {@code requiredData} names them (protocol
 * §7.5). {@code timestamp} always comes and is not one of them.
 */
public enum RollingField {
    OPEN, HIGH, LOW, CLOSE,
    /** Implied volatility, in percent. */
    IV,
    VOLUME,
    /** The actual strike of the ATM-relative series at the bar's end (ATM moves with the index). */
    STRIKE,
    OI,
    /** The underlying's level. */
    SPOT;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name in {@code requiredData} and in the answer's keys. */
    public String wire() {
        return wire;
    }
}
