package com.livechain.history.store;

/** Where a day of the IV history came from; the contract's {@code origin}. */
public enum Origin {
    /** Recorded by this service from the live chain, at the day's last recorded interval. */
    RECORDED,
    /** Filled in afterwards from Dhan's expired-options data ({@code /v2/charts/rollingoption}). */
    BACKFILLED
}
