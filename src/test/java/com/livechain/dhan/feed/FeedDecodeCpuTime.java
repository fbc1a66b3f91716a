package com.livechain.dhan.feed;

import com.livechain.CpuTimeRounds;

/**
 * {@link FeedDecodeBenchmark} and {@link FeedStreamBenchmark} timed by the thread's CPU time instead of the wall
 * clock ({@link CpuTimeRounds}): packets per CPU-second of one core, the variants in turn so their ratios hold on
 * a busy machine.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.dhan.feed.FeedDecodeCpuTime [seconds per round] [rounds]}
 */
public final class FeedDecodeCpuTime {

    private FeedDecodeCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        FeedDecodeBenchmark small = new FeedDecodeBenchmark();
        small.setUp();
        FeedStreamBenchmark stream = new FeedStreamBenchmark();
        stream.setUp();
        FeedStreamBenchmark skewed = new FeedStreamBenchmark();
        skewed.spread = "skewed";
        skewed.setUp();
        new CpuTimeRounds("packet", "packets")
                .add("FeedStreamBenchmark.sessionOnMessage uniform", FeedStreamBenchmark.PACKETS, stream::sessionOnMessage)
                .add("FeedStreamBenchmark.onMessage uniform", FeedStreamBenchmark.PACKETS, stream::onMessage)
                .add("FeedStreamBenchmark.byteArrayRanges uniform", FeedStreamBenchmark.PACKETS, stream::byteArrayRanges)
                .add("FeedStreamBenchmark.copyThenDecode uniform", FeedStreamBenchmark.PACKETS, stream::copyThenDecode)
                .add("FeedStreamBenchmark.sessionOnMessage skewed", FeedStreamBenchmark.PACKETS, skewed::sessionOnMessage)
                .add("FeedStreamBenchmark.onMessage skewed", FeedStreamBenchmark.PACKETS, skewed::onMessage)
                .add("FeedStreamBenchmark.byteArrayRanges skewed", FeedStreamBenchmark.PACKETS, skewed::byteArrayRanges)
                .add("FeedStreamBenchmark.copyThenDecode skewed", FeedStreamBenchmark.PACKETS, skewed::copyThenDecode)
                .add("FeedDecodeBenchmark.decodeFrames", FeedDecodeBenchmark.PACKETS, small::decodeFrames)
                .add("FeedDecodeBenchmark.decodeOkHttpMessages", FeedDecodeBenchmark.PACKETS, small::decodeOkHttpMessages)
                .run(2, seconds, rounds);
        if (stream.packetsDecoded() == 0 || skewed.packetsDecoded() == 0) {
            throw new IllegalStateException("the stream decoded no packet");
        }
    }
}
