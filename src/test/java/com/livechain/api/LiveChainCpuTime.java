package com.livechain.api;

import com.livechain.CpuTimeRounds;

/**
 * {@link LiveChainBenchmark} timed by the thread's CPU time ({@link CpuTimeRounds}), the variants in turn, so
 * their ratios hold on a busy machine: a body after a tick (whole request, streamed, as records), the strikes array by StrikesJson and
 * through Jackson's generator, Jackson alone,
 * the timestamps.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.api.LiveChainCpuTime [seconds per round] [rounds]}
 */
public final class LiveChainCpuTime {

    private LiveChainCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        LiveChainBenchmark b = new LiveChainBenchmark();
        b.setUp();
        new CpuTimeRounds("body", "bodies")
                .add("requestAfterAtmTick", 1, () -> b.requestAfterAtmTick().length())
                .add("streamedAfterAtmTick", 1, () -> b.streamedAfterAtmTick().length)
                .add("streamedAfterFarTick", 1, () -> b.streamedAfterFarTick().length)
                .add("recordsAfterAtmTick", 1, () -> b.recordsAfterAtmTick().length)
                .add("strikesAsBytes (StrikesJson)", 1, b::strikesAsBytes)
                .add("strikesThroughGenerator", 1, () -> b.strikesThroughGenerator().length)
                .add("serialise", 1, () -> b.serialise().length)
                .add("formatterTimestamps (315)", 1, b::formatterTimestamps)
                .add("fixedTimestamps (315)", 1, b::fixedTimestamps)
                .add("cachedBody", 1, () -> b.cachedBody().length())
                .run(5, seconds, rounds);
    }
}
