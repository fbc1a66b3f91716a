package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.livechain.dhan.feed.FeedMetrics.Malformed;

/**
 * A bounded run of {@link PacketDecoderFuzz} in every build (50 000 frames, a few seconds). Each build draws a
 * new seed, so the builds together explore far more than one run; the seed is printed first and is in every
 * failure, with the frame that broke the decoder in hex, so any failure replays exactly:
 * {@code ./mvnw -B test -Dtest=PacketDecoderFuzzTest -Dlivechain.fuzz.seed=<seed>}. The long run is the same test
 * with {@code -Dlivechain.fuzz.frames=1000000}, or {@link PacketDecoderFuzz#main}.
 */
class PacketDecoderFuzzTest {

    @Test
    void randomAndMutatedFramesNeverThrowAndAgreeWithTheReferenceDecoder() {
        long frames = Long.getLong("livechain.fuzz.frames", 50_000);
        long seed = Long.getLong("livechain.fuzz.seed", new SplittableRandom().nextLong());
        String replay = "seed " + seed + "; replay with ./mvnw -B test -Dtest=PacketDecoderFuzzTest -Dlivechain.fuzz.seed="
                + seed + (frames == 50_000 ? "" : " -Dlivechain.fuzz.frames=" + frames);
        // First, so that even a run that dies or hangs leaves its seed in the test's output.
        System.out.println("Decoder fuzz: " + frames + " frames, " + replay);

        PacketDecoderFuzz.Report report;
        try {
            report = PacketDecoderFuzz.run(frames, seed);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("The fuzz run itself failed (" + replay + "): " + e, e);
        }
        System.out.print(report.describe());

        if (!report.failures().isEmpty() || report.exceptions() != 0 || report.mismatches() != 0) {
            // Each failure names the frame's index and kind, what went wrong, and the frame's bytes in hex.
            fail("The decoder threw on %d frames and disagreed with the reference decoder on %d (%s); the first %d:%n%s",
                    report.exceptions(), report.mismatches(), replay, report.failures().size(),
                    String.join(System.lineSeparator(), report.failures()));
        }
        assertThat(report.framesByKind()).as(replay).containsOnlyKeys(FuzzFrames.Kind.values());
        for (Malformed reason : Malformed.values()) {
            assertThat(report.malformed().get(reason)).as("%s exercised (%s)", reason, replay).isPositive();
        }
        assertThat(report.applied()).as(replay).isPositive();
        assertThat(report.unknown()).as(replay).isPositive();
    }
}
