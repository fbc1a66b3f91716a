package com.livechain.dhan.rest;

import java.util.Objects;

/**
 * Candles as {@code /v2/charts/intraday} and {@code /v2/charts/historical} answer them (protocol §7.3), checked
 * whole: parallel arrays of one length, finite numbers, timestamps strictly ascending. Empty is valid (no bars
 * in the range).
 *
 * <p>The arrays are the parser's own and are not copied: read them, do not write them.
 *
 * @param timestamps   bar starts, true UTC epoch seconds
 * @param openInterest open interest per bar, or {@code null} when the answer carried none (asked without
 *                     {@code oi}, or Dhan left it out)
 */
public record Candles(long[] timestamps, double[] open, double[] high, double[] low, double[] close,
                      double[] volume, double[] openInterest) {

    public Candles {
        Objects.requireNonNull(timestamps, "timestamps");
        int n = timestamps.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n
                || (openInterest != null && openInterest.length != n)) {
            throw new IllegalArgumentException("candle arrays differ in length");
        }
    }

    public int size() {
        return timestamps.length;
    }
}
