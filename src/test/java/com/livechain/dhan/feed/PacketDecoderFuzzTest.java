package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.livechain.dhan.feed.FeedMetrics.Malformed;

/**
 * A bounded run of {@link PacketDecoderFuzz} in every build (50 000 frames, a few seconds). The long run is
 * the same test with {@code -Dlivechain.fuzz.frames=1000000} (and {@code -Dlivechain.fuzz.seed=...} to
 * replay one), or {@link PacketDecoderFuzz#main}.
 */
class PacketDecoderFuzzTest {

    @Test
    void randomAndMutatedFramesNeverThrowAndAgreeWithTheReferenceDecoder() {
        long frames = Long.getLong("livechain.fuzz.frames", 50_000);
        long seed = Long.getLong("livechain.fuzz.seed", new SplittableRandom().nextLong());

        PacketDecoderFuzz.Report report = PacketDecoderFuzz.run(frames, seed);
        System.out.print(report.describe());

        assertThat(report.failures()).as("seed %d", seed).isEmpty();
        assertThat(report.exceptions()).isZero();
        assertThat(report.mismatches()).isZero();
        assertThat(report.framesByKind()).containsOnlyKeys(FuzzFrames.Kind.values());
        for (Malformed reason : Malformed.values()) {
            assertThat(report.malformed().get(reason)).as("%s exercised (seed %d)", reason, seed).isPositive();
        }
        assertThat(report.applied()).isPositive();
        assertThat(report.unknown()).isPositive();
    }
}
