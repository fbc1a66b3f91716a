package com.livechain.analytics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A cross-check for the JMH figures on a busy machine: the same benchmark methods in a plain loop, timed by
 * the thread's CPU time rather than the wall clock. JMH's wall-clock average includes every time slice the
 * scheduler gives to other processes, which on a shared 2-core box swamps a 20 ns operation; CPU time
 * excludes it (cache and hyper-thread interference remain). Not a replacement for JMH, which also guards
 * against dead-code elimination and constant folding; the loop keeps every result alive in a sum.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.analytics.CpuTimeCrossCheck}
 */
public final class CpuTimeCrossCheck {

    private static final int OPERATIONS = 2_000_000;
    private static final int ROUNDS = 3;

    private CpuTimeCrossCheck() {}

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CumulativeNormalBenchmark normal = new CumulativeNormalBenchmark();
        GreeksBenchmark greeks = new GreeksBenchmark();
        ImpliedVolatilityBenchmark iv = new ImpliedVolatilityBenchmark();
        String[] names = {"commonsErfc", "westHart", "price", "greeksIntoHolder (4)", "greeksRecord (4)",
                "ivNiftyWeeklyChain", "ivHardCases"};
        double sink = 0;
        // Earlier rounds warm the JIT; the last is reported.
        for (int round = 1; round <= ROUNDS; round++) {
            for (int b = 0; b < names.length; b++) {
                long start = threads.getCurrentThreadCpuTime();
                double sum = 0;
                for (int i = 0; i < OPERATIONS; i++) {
                    sum += switch (b) {
                        case 0 -> normal.commonsErfc();
                        case 1 -> normal.westHart();
                        case 2 -> greeks.price();
                        // All four greeks, summed: reading one would let the JIT drop the other three.
                        case 3 -> greeks.greeksIntoHolderSum();
                        case 4 -> greeks.greeksRecordSum();
                        case 5 -> iv.niftyWeeklyChain();
                        default -> iv.hardCases();
                    };
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                sink += sum;
                if (round == ROUNDS) {
                    System.out.printf("%-22s %7.1f CPU ns/op%n", names[b], cpu / (double) OPERATIONS);
                }
            }
        }
        System.out.println(sink == 42 ? "" : "(checksum " + sink + ")");
    }
}
