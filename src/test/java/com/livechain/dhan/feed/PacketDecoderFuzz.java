package com.livechain.dhan.feed;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.livechain.dhan.feed.FeedMetrics.Malformed;

/**
 * Differential fuzzing of {@link PacketDecoder}: random and mutated frames ({@link FuzzFrames}) go through
 * the production decoder and through {@link ReferenceDecoder}, and after every frame the two must agree on
 * every counter (packets by code, skipped packets by reason, applied, unknown instrument) and every value
 * of every instrument. An exception out of the decoder would fail the socket in production (OkHttp's reader
 * thread calls it with no catch), so each one is counted as a failure with the frame that caused it.
 *
 * <p>Run (one million frames, a random seed; a seed argument replays a run):
 * <pre>
 * ./mvnw -B -q test-compile
 * java -cp "target/test-classes:target/classes:$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)" \
 *     com.livechain.dhan.feed.PacketDecoderFuzz 1000000 [seed]
 * </pre>
 * or through surefire: {@code ./mvnw -B test -Dtest=PacketDecoderFuzzTest -Dlivechain.fuzz.frames=1000000}.
 */
public final class PacketDecoderFuzz {

    /** What a run did. */
    record Report(long seed, long frames, long bytes, Map<FuzzFrames.Kind, Long> framesByKind, long[] packets,
                  Map<Malformed, Long> malformed, long applied, long unknown, long disconnectFrames,
                  long exceptions, long mismatches, List<String> failures, long nanos) {

        long malformedTotal() {
            return malformed.values().stream().mapToLong(Long::longValue).sum();
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("Decoder fuzz: %,d frames (%,d bytes) in %.1f s, %,.0f frames/s, seed %d%n",
                    frames, bytes, nanos / 1e9, frames / (nanos / 1e9), seed));
            out.append(String.format("  exceptions: %d, disagreements with the reference decoder: %d%n",
                    exceptions, mismatches));
            out.append("  frames by kind:");
            framesByKind.forEach((kind, n) -> out.append(String.format(" %s=%,d", kind, n)));
            out.append(String.format("%n  packets decoded by code:"));
            for (int code = 0; code < packets.length; code++) {
                if (packets[code] > 0) {
                    out.append(String.format(" %d=%,d", code, packets[code]));
                }
            }
            out.append(String.format("%n  applied to the chain: %,d, for unknown instruments: %,d, frames with a disconnect: %,d%n",
                    applied, unknown, disconnectFrames));
            out.append(String.format("  skipped as malformed: %,d:", malformedTotal()));
            malformed.forEach((reason, n) -> out.append(String.format(" %s=%,d", reason, n)));
            out.append(System.lineSeparator());
            failures.forEach(f -> out.append("  FAILURE ").append(f).append(System.lineSeparator()));
            return out.toString();
        }
    }

    private static final int MAX_FAILURES_KEPT = 20;

    private PacketDecoderFuzz() {
    }

    public static void main(String[] args) {
        long frames = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : new SplittableRandom().nextLong();
        Report report = run(frames, seed);
        System.out.print(report.describe());
        System.exit(report.exceptions() == 0 && report.mismatches() == 0 ? 0 : 1);
    }

    static Report run(long frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<FuzzFrames.Kind, Long> byKind = new EnumMap<>(FuzzFrames.Kind.class);
        long[] packets = new long[256];
        Map<Malformed, Long> malformed = new EnumMap<>(Malformed.class);
        for (Malformed reason : Malformed.values()) {
            malformed.put(reason, 0L);
        }
        long applied = 0;
        long unknown = 0;
        long disconnectFrames = 0;
        long exceptions = 0;
        long mismatches = 0;
        long bytes = 0;
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        DecoderHarness harness = new DecoderHarness();
        // A fresh harness every few thousand frames keeps the per-frame comparison cheap and the totals honest.
        int sinceFresh = 0;
        for (long i = 0; i < frames; i++) {
            FuzzFrames.Frame frame = FuzzFrames.any(random);
            byKind.merge(frame.kind(), 1L, Long::sum);
            bytes += frame.bytes().length;
            int expected = harness.reference.decode(frame.bytes());
            int actual;
            try {
                actual = harness.decoder.decode(okio.ByteString.of(frame.bytes()));
            } catch (RuntimeException | Error e) {
                exceptions++;
                keep(failures, "frame " + i + " (" + frame.kind() + ") threw " + e + ": " + hex(frame.bytes()));
                harness = fresh(harness, packets, malformed, false);
                sinceFresh = 0;
                continue;
            }
            if (expected != PacketDecoder.NO_DISCONNECT) {
                disconnectFrames++;
            }
            List<String> diff = harness.mismatches();
            if (actual != expected) {
                diff = new ArrayList<>(diff);
                diff.add("disconnect " + actual + " != " + expected);
            }
            if (!diff.isEmpty()) {
                mismatches++;
                keep(failures, "frame " + i + " (" + frame.kind() + ") " + diff + ": " + hex(frame.bytes()));
                harness = fresh(harness, packets, malformed, false);
                sinceFresh = 0;
                continue;
            }
            if (++sinceFresh == 4_096) {
                applied += harness.metrics.ticksApplied();
                unknown += harness.metrics.unknownInstruments();
                harness = fresh(harness, packets, malformed, true);
                sinceFresh = 0;
            }
        }
        applied += harness.metrics.ticksApplied();
        unknown += harness.metrics.unknownInstruments();
        fresh(harness, packets, malformed, true);
        return new Report(seed, frames, bytes, byKind, packets, malformed, applied, unknown, disconnectFrames,
                exceptions, mismatches, failures, System.nanoTime() - start);
    }

    /** Adds the harness's counters to the totals (the production ones, which agreed with the reference). */
    private static DecoderHarness fresh(DecoderHarness old, long[] packets, Map<Malformed, Long> malformed,
                                        boolean count) {
        if (count) {
            for (int code = 0; code < packets.length; code++) {
                packets[code] += old.metrics.packets(code);
            }
            for (Malformed reason : Malformed.values()) {
                malformed.merge(reason, old.metrics.malformed(reason), Long::sum);
            }
        }
        return new DecoderHarness();
    }

    private static void keep(List<String> failures, String failure) {
        if (failures.size() < MAX_FAILURES_KEPT) {
            failures.add(failure);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
