package com.livechain.analytics;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Price and all four greeks per leg, and the cost of the two ways of returning the greeks: filling a
 * {@link MutableGreeks} (the hot path) or returning a {@link Greeks} record, both when the record escapes
 * (stored or handed on) and when the caller only reads its fields (where escape analysis may remove it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GreeksBenchmark {

    private static final double RATE = 0.10;
    private static final double YEARS = 5.0 / 365;
    private static final double FORWARD = 24_537.35;
    private static final int SIZE = 1024;

    private final double[] strikes = new double[SIZE];
    private final double[] vols = new double[SIZE];
    private final boolean[] calls = new boolean[SIZE];
    private final MutableGreeks holder = new MutableGreeks();
    private int next;

    public GreeksBenchmark() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < SIZE; i++) {
            strikes[i] = 22_100 + 50 * random.nextInt(98);
            double m = Math.log(strikes[i] / FORWARD);
            vols[i] = 0.11 - 0.2 * m + 8 * m * m;
            calls[i] = random.nextBoolean();
        }
    }

    @Benchmark
    public double price() {
        int i = next++ & (SIZE - 1);
        return Black76.price(calls[i], FORWARD, strikes[i], YEARS, RATE, vols[i]);
    }

    @Benchmark
    public MutableGreeks greeksIntoHolder() {
        int i = next++ & (SIZE - 1);
        Black76.greeks(calls[i], FORWARD, strikes[i], YEARS, RATE, vols[i], holder);
        return holder;
    }

    @Benchmark
    public Greeks greeksRecordEscaping() {
        int i = next++ & (SIZE - 1);
        return Black76.greeks(calls[i], FORWARD, strikes[i], YEARS, RATE, vols[i]);
    }

    @Benchmark
    public void greeksRecordFieldsRead(Blackhole blackhole) {
        int i = next++ & (SIZE - 1);
        Greeks greeks = Black76.greeks(calls[i], FORWARD, strikes[i], YEARS, RATE, vols[i]);
        blackhole.consume(greeks.delta());
        blackhole.consume(greeks.gamma());
        blackhole.consume(greeks.vega());
        blackhole.consume(greeks.theta());
    }

    @Benchmark
    public void greeksOneByOne(Blackhole blackhole) {
        int i = next++ & (SIZE - 1);
        boolean call = calls[i];
        double k = strikes[i];
        double vol = vols[i];
        blackhole.consume(Black76.delta(call, FORWARD, k, YEARS, RATE, vol));
        blackhole.consume(Black76.gamma(FORWARD, k, YEARS, RATE, vol));
        blackhole.consume(Black76.vega(FORWARD, k, YEARS, RATE, vol));
        blackhole.consume(Black76.theta(call, FORWARD, k, YEARS, RATE, vol));
    }
}
