package com.livechain.dhan.rest;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import com.livechain.chain.OptionType;

/**
 * What {@code POST /v2/charts/rollingoption} answered for one series, checked whole: parallel arrays, entry
 * {@code i} one bar, every requested series as long as the timestamps, every value a finite number, timestamps
 * strictly ascending. No bars at all is a valid answer (a holiday, or a range before the data starts).
 *
 * <p>The arrays are the parser's own and are not copied: read them, do not write them.
 *
 * @param timestamps bar starts, epoch seconds (1756698300 = 2025-09-01 09:15 IST)
 */
public record RollingOptionSeries(OptionType type, long[] timestamps, Map<RollingField, double[]> series) {

    public RollingOptionSeries {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamps, "timestamps");
        series = new EnumMap<>(series);
        for (Map.Entry<RollingField, double[]> entry : series.entrySet()) {
            if (entry.getValue().length != timestamps.length) {
                throw new IllegalArgumentException(entry.getKey().wire() + " has " + entry.getValue().length
                        + " values for " + timestamps.length + " timestamps");
            }
        }
    }

    public int size() {
        return timestamps.length;
    }

    public boolean isEmpty() {
        return timestamps.length == 0;
    }

    /** The values of a requested series. */
    public double[] values(RollingField field) {
        double[] values = series.get(field);
        if (values == null) {
            throw new IllegalArgumentException(field.wire() + " was not requested; the series are " + series.keySet());
        }
        return values;
    }
}
