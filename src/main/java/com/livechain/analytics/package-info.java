/**
 * Option analytics for a live index chain: Black-76 prices and greeks on the forward that put-call parity
 * implies, implied volatility, time to expiry, and the open-interest summary (PCR, max pain).
 *
 * <p>Pure functions on primitives: no Spring, no I/O, no allocation on the per-tick path. Undefined
 * results are NaN, which the API shows as null. The model, units and sources are in
 * {@code docs/analytics.md}.
 */
package com.livechain.analytics;
