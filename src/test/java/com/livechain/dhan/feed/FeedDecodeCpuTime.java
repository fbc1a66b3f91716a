package com.livechain.dhan.feed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link FeedDecodeBenchmark} timed by the thread's CPU time instead of the wall clock: packets per
 * CPU-second of one core. On a shared 2-core machine JMH's wall-clock score counts every time slice
 * the scheduler hands to other processes (at a load average of 8 it reports a quarter of the real
 * rate); CPU time excludes them, cache and hyper-thread interference remain. JMH stays the
 * reference for B/op and against dead-code elimination; this loop keeps every result in a sum.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.dhan.feed.FeedDecodeCpuTime [seconds]}
 */
public final class FeedDecodeCpuTime {

    private FeedDecodeCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FeedDecodeBenchmark benchmark = new FeedDecodeBenchmark();
        benchmark.setUp();
        long sink = 0;
        // Warm-up: C2 compiles decode() and the apply path within the first few hundred thousand packets.
        long warmEnd = threads.getCurrentThreadCpuTime() + 2_000_000_000L;
        while (threads.getCurrentThreadCpuTime() < warmEnd) {
            sink += benchmark.decodeFrames();
        }
        long start = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long budget = (long) (seconds * 1e9);
        long invocations = 0;
        long cpu;
        do {
            for (int i = 0; i < 100; i++) {
                sink += benchmark.decodeFrames();
            }
            invocations += 100;
            cpu = threads.getCurrentThreadCpuTime() - start;
        } while (cpu < budget);
        long wall = System.nanoTime() - wallStart;
        double packets = (double) invocations * FeedDecodeBenchmark.PACKETS;
        System.out.printf("decodeFrames: %.1f M packets per CPU-second (%.1f CPU ns/packet; wall %.1f M/s, "
                        + "CPU share %.0f%%)%s%n",
                packets / cpu * 1e3, cpu / packets, packets / wall * 1e3, 100.0 * cpu / wall,
                sink == 42 ? "" : "");
    }
}
