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

/**
 * Implied volatility per leg. Two workloads: a NIFTY-like weekly chain (strikes +/-10% of the forward every
 * 50 points, 5 days to expiry, a smile from 11% to 30%, calls and puts), and the solver's hard cases (vols
 * 1%..500%, one hour to one year, strikes 0.5..1.5 of the forward).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImpliedVolatilityBenchmark {

    private static final double RATE = 0.10;
    private static final int SIZE = 1024;

    private final Leg[] chain = new Leg[SIZE];
    private final Leg[] hard = new Leg[SIZE];
    /** The discount rate as a field, not a constant the JIT could fold into the solver. */
    private double rate = RATE;
    private int next;

    public ImpliedVolatilityBenchmark() {
        java.util.Random random = new java.util.Random(7);
        double f = 24_537.35;
        double t = 5.0 / 365;
        for (int i = 0; i < SIZE; i++) {
            double k = 22_100 + 50 * random.nextInt(98);
            double m = Math.log(k / f);
            double vol = 0.11 - 0.2 * m + 8 * m * m;
            boolean call = random.nextBoolean();
            chain[i] = new Leg(call, Black76.price(call, f, k, t, RATE, vol), f, k, t);
        }
        for (int i = 0; i < SIZE; ) {
            double k = 100 * (0.5 + random.nextDouble());
            double vol = 0.01 * Math.pow(500, random.nextDouble());
            double years = Math.exp(Math.log(1.0 / 8760) + random.nextDouble() * Math.log(8760));
            boolean call = random.nextBoolean();
            double price = Black76.price(call, 100, k, years, RATE, vol);
            if (price * Math.exp(RATE * years) - Black76.intrinsic(call, 100, k) > 1e-10) {
                hard[i++] = new Leg(call, price, 100, k, years);
            }
        }
    }

    @Benchmark
    public double niftyWeeklyChain() {
        Leg leg = chain[next++ & (SIZE - 1)];
        return ImpliedVolatility.solve(leg.call, leg.price, leg.forward, leg.strike, leg.years, rate);
    }

    @Benchmark
    public double hardCases() {
        Leg leg = hard[next++ & (SIZE - 1)];
        return ImpliedVolatility.solve(leg.call, leg.price, leg.forward, leg.strike, leg.years, rate);
    }

    record Leg(boolean call, double price, double forward, double strike, double years) {}
}
