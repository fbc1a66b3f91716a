package com.livechain.analytics;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Price and all four greeks per leg, and the cost of the two ways of returning the greeks: filling a
 * {@link MutableGreeks} (the hot path) or returning a {@link Greeks} record, both when the record escapes
 * (stored or handed on) and when the caller only reads its fields (where escape analysis may remove it).
 *
 * <p>Every input is a field of this state, drawn in {@link #setUp()} and different from one call to the next
 * (forward, strike, time to expiry from an hour to a month, rate, a smile of vols, calls and puts): a
 * {@code static final} input would let the JIT fold {@code log(F/K)}, {@code sqrt(t)} and the discount factor
 * into constants and time less than a render does. Every greek computed goes to the {@link Blackhole}, so none
 * is dead code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GreeksBenchmark {

    private static final int SIZE = 1024;

    private final double[] forwards = new double[SIZE];
    private final double[] strikes = new double[SIZE];
    private final double[] years = new double[SIZE];
    private final double[] rates = new double[SIZE];
    private final double[] vols = new double[SIZE];
    private final boolean[] calls = new boolean[SIZE];
    private final MutableGreeks holder = new MutableGreeks();
    private int next;

    public GreeksBenchmark() {
        setUp();
    }

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < SIZE; i++) {
            forwards[i] = 24_000 + random.nextDouble() * 1_000;
            strikes[i] = 22_100 + 50 * random.nextInt(98);
            years[i] = (1 + random.nextInt(30 * 24)) / (365.0 * 24);
            rates[i] = 0.06 + 0.04 * random.nextDouble();
            double m = Math.log(strikes[i] / forwards[i]);
            vols[i] = 0.11 - 0.2 * m + 8 * m * m;
            calls[i] = random.nextBoolean();
        }
        next = 0;
    }

    @Benchmark
    public double price() {
        int i = next++ & (SIZE - 1);
        return Black76.price(calls[i], forwards[i], strikes[i], years[i], rates[i], vols[i]);
    }

    @Benchmark
    public void greeksIntoHolder(Blackhole blackhole) {
        int i = next++ & (SIZE - 1);
        Black76.greeks(calls[i], forwards[i], strikes[i], years[i], rates[i], vols[i], holder);
        blackhole.consume(holder.delta());
        blackhole.consume(holder.gamma());
        blackhole.consume(holder.vega());
        blackhole.consume(holder.theta());
    }

    @Benchmark
    public Greeks greeksRecordEscaping() {
        int i = next++ & (SIZE - 1);
        return Black76.greeks(calls[i], forwards[i], strikes[i], years[i], rates[i], vols[i]);
    }

    @Benchmark
    public void greeksRecordFieldsRead(Blackhole blackhole) {
        int i = next++ & (SIZE - 1);
        Greeks greeks = Black76.greeks(calls[i], forwards[i], strikes[i], years[i], rates[i], vols[i]);
        blackhole.consume(greeks.delta());
        blackhole.consume(greeks.gamma());
        blackhole.consume(greeks.vega());
        blackhole.consume(greeks.theta());
    }

    @Benchmark
    public void greeksOneByOne(Blackhole blackhole) {
        int i = next++ & (SIZE - 1);
        boolean call = calls[i];
        double f = forwards[i];
        double k = strikes[i];
        double t = years[i];
        double r = rates[i];
        double vol = vols[i];
        blackhole.consume(Black76.delta(call, f, k, t, r, vol));
        blackhole.consume(Black76.gamma(f, k, t, r, vol));
        blackhole.consume(Black76.vega(f, k, t, r, vol));
        blackhole.consume(Black76.theta(call, f, k, t, r, vol));
    }

    /**
     * {@link #greeksIntoHolder} for {@link CpuTimeCrossCheck}'s plain loop, which has no {@link Blackhole}: the sum
     * of all four greeks, so the loop keeps every one of them alive, not only the one it would read.
     */
    double greeksIntoHolderSum() {
        int i = next++ & (SIZE - 1);
        Black76.greeks(calls[i], forwards[i], strikes[i], years[i], rates[i], vols[i], holder);
        return holder.delta() + holder.gamma() + holder.vega() + holder.theta();
    }

    /** {@link #greeksRecordFieldsRead} for {@link CpuTimeCrossCheck}: all four greeks of the record, summed. */
    double greeksRecordSum() {
        Greeks greeks = greeksRecordEscaping();
        return greeks.delta() + greeks.gamma() + greeks.vega() + greeks.theta();
    }
}
