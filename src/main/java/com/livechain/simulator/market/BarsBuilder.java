package com.livechain.simulator.market;

import java.util.Arrays;

/** Appends the bars of one answer to growable columns, then hands them over as {@link SimulatedPast.Bars}. */
final class BarsBuilder {

    private final boolean rolling;
    private int n;
    private long[] timestamps = new long[64];
    private double[][] columns = new double[9][64];

    /** @param rolling whether the answer is a rolling series, which alone carries iv, strike and spot */
    BarsBuilder(boolean rolling) {
        this.rolling = rolling;
    }

    void add(long timestamp, double open, double high, double low, double close, double volume, double oi,
             double iv, double strike, double spot) {
        if (n == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, n * 2);
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], n * 2);
            }
        }
        timestamps[n] = timestamp;
        double[] row = {open, high, low, close, volume, oi, iv, strike, spot};
        for (int c = 0; c < row.length; c++) {
            columns[c][n] = row[c];
        }
        n++;
    }

    SimulatedPast.Bars build() {
        double[][] c = new double[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            c[i] = Arrays.copyOf(columns[i], n);
        }
        return new SimulatedPast.Bars(Arrays.copyOf(timestamps, n), c[0], c[1], c[2], c[3], c[4], c[5],
                rolling ? c[6] : null, rolling ? c[7] : null, rolling ? c[8] : null);
    }
}
