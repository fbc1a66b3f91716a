package com.livechain.surface;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code GET /options/surface} (the contract's last section): every listed expiry, nearest first.
 * Written by {@link RenderedSurfaces} a row at a time; this record is its OpenAPI schema and the shape tests read.
 *
 * @param source     {@code DHAN} or {@code SIMULATED}
 * @param underlying the underlying's symbol
 * @param asOf       when the figures were judged current, IST ISO-8601 with milliseconds
 * @param expiries   the live expiries, ascending
 */
public record SurfaceView(String source, String underlying, String asOf, List<ExpiryView> expiries) {

    /**
     * @param expiry       ISO date
     * @param days         calendar days to the 15:30 IST close (ACT/365 x 365)
     * @param forward      the parity forward the IVs are solved on
     * @param atmIv        IV at the forward, percent; {@code null} when the forward is not bracketed by quoted strikes
     * @param rr25         IV(25-delta call) - IV(25-delta put), IV points; {@code null} unless the chain brackets both
     * @param bf25         the mean of the two 25-delta IVs less {@code atmIv}, IV points; {@code null} as {@code rr25}
     * @param expectedMove {@code forward x atmIv x sqrt(years)}, index points
     * @param smile        the out-of-the-money legs with an IV, strikes ascending: puts below the forward, calls above
     */
    public record ExpiryView(String expiry, Double days, Double forward, Double atmIv, Double rr25, Double bf25,
                             Double expectedMove, List<SmilePoint> smile) {
    }

    /**
     * @param strike the strike
     * @param iv     the leg's Black-76 IV, percent
     * @param delta  the leg's forward delta: negative for a put, positive for a call
     */
    public record SmilePoint(@Schema(type = "number") Number strike, Double iv, Double delta) {
    }
}
