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
 * Commons Numbers' erfc ({@link StandardNormal}) against Hart/West ({@link WestCumulativeNormal}) per call,
 * over arguments spread as the pricing code meets them: mostly within 4 standard deviations, some far
 * in the tail. See docs/analytics.md for the command and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CumulativeNormalBenchmark {

    private static final int SIZE = 1024;
    private final double[] xs = new double[SIZE];
    private int next;

    public CumulativeNormalBenchmark() {
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < SIZE; i++) {
            xs[i] = i % 8 == 0 ? -8 - 20 * random.nextDouble() : 8 * random.nextDouble() - 4;
        }
    }

    @Benchmark
    public double commonsErfc() {
        return StandardNormal.cdf(xs[next++ & (SIZE - 1)]);
    }

    @Benchmark
    public double westHart() {
        return WestCumulativeNormal.cdf(xs[next++ & (SIZE - 1)]);
    }
}
