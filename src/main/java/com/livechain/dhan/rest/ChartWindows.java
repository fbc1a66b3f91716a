package com.livechain.dhan.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.livechain.market.MarketHours;

/**
 * How a range of days longer than one chart call may cover is asked and put back together: cut into consecutive
 * windows, each answer trimmed to its own window's days by the bars' IST date, and the trimmed parts joined in
 * order. Windows never overlap, so no bar comes twice.
 */
final class ChartWindows {

    private ChartWindows() {
    }

    /** [from, to] cut into consecutive windows of at most {@code days} calendar days. */
    static List<LocalDate[]> windows(LocalDate from, LocalDate to, int days) {
        List<LocalDate[]> windows = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = start.plusDays(days - 1L);
            if (end.isAfter(to)) {
                end = to;
            }
            windows.add(new LocalDate[] {start, end});
            start = end.plusDays(1);
        }
        return windows;
    }

    /** The bars of {@code series} whose IST date lies in [from, to]; the series itself when that is all of it. */
    static RollingOptionSeries trim(RollingOptionSeries series, LocalDate from, LocalDate to) {
        int[] range = range(series.timestamps(), from, to);
        if (range[0] == 0 && range[1] == series.size()) {
            return series;
        }
        Map<RollingField, double[]> values = new EnumMap<>(RollingField.class);
        series.series().forEach((field, array) -> values.put(field, slice(array, range)));
        return new RollingOptionSeries(series.type(), slice(series.timestamps(), range), values);
    }

    /** The candles whose IST date lies in [from, to]; the candles themselves when that is all of them. */
    static Candles trim(Candles candles, LocalDate from, LocalDate to) {
        int[] range = range(candles.timestamps(), from, to);
        if (range[0] == 0 && range[1] == candles.size()) {
            return candles;
        }
        return new Candles(slice(candles.timestamps(), range), slice(candles.open(), range),
                slice(candles.high(), range), slice(candles.low(), range), slice(candles.close(), range),
                slice(candles.volume(), range), candles.openInterest() == null ? null : slice(candles.openInterest(), range));
    }

    /** The windows' series one after the other, each with the fields {@code request} asked for. */
    static RollingOptionSeries concatRolling(RollingOptionRequest request, List<RollingOptionSeries> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(RollingOptionSeries::size).sum();
        long[] timestamps = new long[n];
        Map<RollingField, double[]> values = new EnumMap<>(RollingField.class);
        for (RollingField field : request.fields()) {
            values.put(field, new double[n]);
        }
        int at = 0;
        for (RollingOptionSeries part : parts) {
            System.arraycopy(part.timestamps(), 0, timestamps, at, part.size());
            for (RollingField field : request.fields()) {
                System.arraycopy(part.values(field), 0, values.get(field), at, part.size());
            }
            at += part.size();
        }
        return new RollingOptionSeries(request.type(), timestamps, values);
    }

    /** The windows' candles one after the other; open interest only when every part has it. */
    static Candles concatCandles(List<Candles> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(Candles::size).sum();
        boolean oi = parts.stream().allMatch(p -> p.openInterest() != null);
        Candles out = new Candles(new long[n], new double[n], new double[n], new double[n], new double[n],
                new double[n], oi ? new double[n] : null);
        int at = 0;
        for (Candles part : parts) {
            int size = part.size();
            System.arraycopy(part.timestamps(), 0, out.timestamps(), at, size);
            System.arraycopy(part.open(), 0, out.open(), at, size);
            System.arraycopy(part.high(), 0, out.high(), at, size);
            System.arraycopy(part.low(), 0, out.low(), at, size);
            System.arraycopy(part.close(), 0, out.close(), at, size);
            System.arraycopy(part.volume(), 0, out.volume(), at, size);
            if (oi) {
                System.arraycopy(part.openInterest(), 0, out.openInterest(), at, size);
            }
            at += size;
        }
        return out;
    }

    /** [first, end) of the ascending timestamps whose IST date lies in [from, to]. */
    private static int[] range(long[] timestamps, LocalDate from, LocalDate to) {
        long start = from.atStartOfDay(MarketHours.IST).toEpochSecond();
        long end = to.plusDays(1).atStartOfDay(MarketHours.IST).toEpochSecond();
        int first = 0;
        while (first < timestamps.length && timestamps[first] < start) {
            first++;
        }
        int last = first;
        while (last < timestamps.length && timestamps[last] < end) {
            last++;
        }
        return new int[] {first, last};
    }

    private static double[] slice(double[] array, int[] range) {
        return Arrays.copyOfRange(array, range[0], range[1]);
    }

    private static long[] slice(long[] array, int[] range) {
        return Arrays.copyOfRange(array, range[0], range[1]);
    }
}
