package com.livechain;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Benchmark bodies timed by the calling thread's CPU time instead of the wall clock, for a machine shared with
 * other work: JMH's wall-clock score counts every time slice the scheduler gives to other processes (at a load
 * average of 8 on two cores it reports a quarter of the real rate); CPU time leaves them out (cache and
 * hyper-thread interference remain). The variants run in turn, a slice of CPU time each per round, so they share
 * whatever the machine does meanwhile and their ratios hold even when the absolute figures move; each is printed
 * as the median and the range over the rounds. JMH stays the reference for allocation ({@code -prof gc}) and
 * against dead-code elimination; here every result goes into a sum that is printed.
 */
public final class CpuTimeRounds {

    /** One variant: {@code body} runs once and returns a value to keep alive; one run is {@code units} units. */
    public record Variant(String name, LongSupplier body, double units) {
    }

    private final List<Variant> variants = new ArrayList<>();
    private final String unit;
    private final String units;

    /** @param unit what one of {@link Variant#units} is, and its plural, e.g. "packet", "packets" */
    public CpuTimeRounds(String unit, String units) {
        this.unit = unit;
        this.units = units;
    }

    public CpuTimeRounds add(String name, double units, LongSupplier body) {
        variants.add(new Variant(name, body, units));
        return this;
    }

    /**
     * Warms every variant up for {@code warmupSeconds} of CPU time, then runs {@code rounds} rounds of
     * {@code seconds} each and prints, per variant, the CPU time per unit and units per CPU-second.
     */
    public void run(double warmupSeconds, double seconds, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (Variant v : variants) {
            long end = threads.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
            while (threads.getCurrentThreadCpuTime() < end) {
                sink += v.body().getAsLong();
            }
        }
        double[][] nanosPerUnit = new double[variants.size()][rounds];
        long budget = (long) (seconds * 1e9);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                long start = threads.getCurrentThreadCpuTime();
                long runs = 0;
                long cpu;
                do {
                    sink += v.body().getAsLong();
                    runs++;
                    cpu = threads.getCurrentThreadCpuTime() - start;
                } while (cpu < budget);
                nanosPerUnit[i][round] = cpu / (runs * v.units());
            }
        }
        System.out.printf(Locale.ROOT, "CPU time per %s, median (min-max) of %d rounds of %.1f CPU-s, after %.1f CPU-s"
                + " of warm-up each; load average %s%n", unit, rounds, seconds, warmupSeconds,
                loadAverage());
        for (int i = 0; i < variants.size(); i++) {
            double[] r = nanosPerUnit[i].clone();
            Arrays.sort(r);
            double median = r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "  %-40s %s (%s-%s)   = %s %s per CPU-second%n", variants.get(i).name(),
                    time(median), time(r[0]), time(r[r.length - 1]), rate(1e9 / median), units);
        }
        System.out.println("  (checksum " + sink + ")");
    }

    private static String time(double nanos) {
        return nanos >= 1e4 ? String.format(Locale.ROOT, "%.1f µs", nanos / 1e3)
                : String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f M", perSecond / 1e6)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
