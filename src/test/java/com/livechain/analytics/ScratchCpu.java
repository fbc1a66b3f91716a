package com.livechain.analytics;
import java.lang.management.*;
public class ScratchCpu {
    static double sink;
    public static void main(String[] a) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        GreeksBenchmark g = new GreeksBenchmark();
        ImpliedVolatilityBenchmark iv = new ImpliedVolatilityBenchmark();
        CumulativeNormalBenchmark cn = new CumulativeNormalBenchmark();
        String[] names = {"erfc", "west", "price", "greeksHolder", "greeksRecordEscaping", "ivChain", "ivHard"};
        for (int round = 0; round < 3; round++) {
            for (int b = 0; b < names.length; b++) {
                int n = 2_000_000;
                long c0 = mx.getCurrentThreadCpuTime();
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    switch (b) {
                        case 0 -> acc += cn.commonsErfc();
                        case 1 -> acc += cn.westHart();
                        case 2 -> acc += g.price();
                        case 3 -> acc += g.greeksIntoHolder().theta();
                        case 4 -> acc += g.greeksRecordEscaping().theta();
                        case 5 -> acc += iv.niftyWeeklyChain();
                        default -> acc += iv.hardCases();
                    }
                }
                long c1 = mx.getCurrentThreadCpuTime();
                sink += acc;
                if (round == 2) System.out.printf("%-22s %8.1f cpu-ns/op%n", names[b], (c1 - c0) / (double) n);
            }
        }
    }
}
