/**
 * The volatility surface of {@code GET /options/surface}: every listed expiry of an underlying with its parity
 * forward, ATM IV, 25-delta risk reversal and butterfly, expected move and its smile from the out-of-the-money
 * side, computed from the live chain with the same Black-76 IVs and forward as {@code /options/live}.
 *
 * <p>The computation is pure ({@link com.livechain.surface.Smile}, {@link com.livechain.surface.SmileFigures},
 * {@link com.livechain.surface.ExpirySurface}); {@link com.livechain.surface.ChainSurfaces} reads a chain into
 * it, {@link com.livechain.surface.RenderedSurfaces} keeps the body per chain version and second, and
 * {@link com.livechain.surface.SurfaceController} serves it. Definitions and sources: {@code docs/analytics.md},
 * "Volatility surface".
 */
package com.livechain.surface;
