package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import com.livechain.chain.ExchangeSegment;
import com.livechain.dhan.feed.FeedMetrics.Malformed;

/**
 * Properties of {@link PacketDecoder} over generated frames (jqwik): what holds for any bytes, and what a
 * damaged packet may and may not cost the packets around it. Valid packets are built field by field
 * ({@link ProtocolPackets}) from shrinkable values, so a failure shrinks to a few small packets.
 */
class PacketDecoderPropertiesTest {

    @Property(tries = 300)
    void anyFramesDecodeWithoutAnExceptionExactlyAsTheReferenceSays(@ForAll("frameSequences") List<byte[]> frames) {
        DecoderHarness harness = new DecoderHarness();
        for (byte[] frame : frames) {
            harness.decode(frame);
        }
        assertThat(harness.mismatches()).isEmpty();
    }

    @Property(tries = 200)
    void bytesAroundTheDecodedRangeDoNotMatter(@ForAll("anyFrame") byte[] frame,
                                               @ForAll @Size(max = 200) byte[] before,
                                               @ForAll @Size(max = 200) byte[] after) {
        DecoderHarness alone = new DecoderHarness();
        int aloneDisconnect = alone.decoder.decode(frame, 0, frame.length);

        DecoderHarness embedded = new DecoderHarness();
        byte[] surrounded = FuzzFrames.concat(before, frame, after);
        int embeddedDisconnect = embedded.decoder.decode(surrounded, before.length, frame.length);

        assertThat(embeddedDisconnect).isEqualTo(aloneDisconnect);
        assertThat(embedded.legStates()).isEqualTo(alone.legStates());
        assertSameCounters(embedded.metrics, alone.metrics);
    }

    @Property(tries = 200)
    void garbageThatCannotBeFramedAfterValidPacketsCostsOnlyTheTail(
            @ForAll("validPackets") List<byte[]> packets, @ForAll("unframeableTail") byte[] tail) {
        DecoderHarness clean = new DecoderHarness();
        clean.decode(FuzzFrames.concat(packets));

        DecoderHarness dirty = new DecoderHarness();
        dirty.decode(FuzzFrames.concat(FuzzFrames.concat(packets), tail));

        assertThat(dirty.legStates()).isEqualTo(clean.legStates());
        assertThat(dirty.metrics.ticksApplied()).isEqualTo(clean.metrics.ticksApplied());
        assertThat(dirty.metrics.malformedTotal()).isEqualTo(1);
        assertThat(dirty.metrics.malformed(expectedReason(tail))).isEqualTo(1);
    }

    @Property(tries = 200)
    void aBadPacketWhoseLengthIsInBoundsCostsOnlyItself(@ForAll("validPackets") List<byte[]> first,
                                                        @ForAll("badButFramedPacket") byte[] bad,
                                                        @ForAll("validPackets") List<byte[]> rest) {
        List<byte[]> good = new ArrayList<>(first);
        good.addAll(rest);
        DecoderHarness clean = new DecoderHarness();
        clean.decode(FuzzFrames.concat(good));

        DecoderHarness dirty = new DecoderHarness();
        List<byte[]> withBad = new ArrayList<>(first);
        withBad.add(bad);
        withBad.addAll(rest);
        dirty.decode(FuzzFrames.concat(withBad));

        assertThat(dirty.legStates()).isEqualTo(clean.legStates());
        assertThat(dirty.metrics.ticksApplied()).isEqualTo(clean.metrics.ticksApplied());
        Malformed reason = FuzzFrames.isKnown(bad[0] & 0xFF) ? Malformed.LENGTH_MISMATCH : Malformed.UNKNOWN_CODE;
        assertThat(dirty.metrics.malformedTotal()).isEqualTo(1);
        assertThat(dirty.metrics.malformed(reason)).isEqualTo(1);
    }

    @Property(tries = 200)
    void aCutFrameAppliesEveryWholePacketBeforeTheCutAndCountsTheCutOneOnce(
            @ForAll("validPackets") List<byte[]> packets, @ForAll @IntRange(max = 10_000) int cutAt) {
        byte[] frame = FuzzFrames.concat(packets);
        int cut = frame.length == 0 ? 0 : cutAt % (frame.length + 1);
        int whole = 0;
        int end = 0;
        while (whole < packets.size() && end + packets.get(whole).length <= cut) {
            end += packets.get(whole).length;
            whole++;
        }
        DecoderHarness expected = new DecoderHarness();
        expected.decode(FuzzFrames.concat(packets.subList(0, whole)));

        DecoderHarness truncated = new DecoderHarness();
        truncated.decode(ProtocolPackets.cut(frame, cut));

        assertThat(truncated.legStates()).isEqualTo(expected.legStates());
        if (cut == end) {
            assertThat(truncated.metrics.malformedTotal()).isZero();
        } else {
            Malformed reason = cut - end < PacketDecoder.HEADER_LENGTH ? Malformed.SHORT_HEADER : Malformed.PAST_FRAME_END;
            assertThat(truncated.metrics.malformedTotal()).isEqualTo(1);
            assertThat(truncated.metrics.malformed(reason)).isEqualTo(1);
        }
    }

    @Property(tries = 100)
    void aDisconnectPacketAnywhereInAFrameIsReportedAndThePacketsAroundItApplied(
            @ForAll("validPackets") List<byte[]> before, @ForAll @IntRange(min = 0, max = 65_535) int reason,
            @ForAll("validPackets") List<byte[]> after) {
        List<byte[]> clean = new ArrayList<>(before);
        clean.addAll(after);
        clean.removeIf(p -> (p[0] & 0xFF) == PacketDecoder.DISCONNECT);
        DecoderHarness expected = new DecoderHarness();
        expected.decode(FuzzFrames.concat(clean));

        List<byte[]> withDisconnect = new ArrayList<>(before);
        withDisconnect.removeIf(p -> (p[0] & 0xFF) == PacketDecoder.DISCONNECT);
        withDisconnect.add(ProtocolPackets.disconnect(reason));
        after.stream().filter(p -> (p[0] & 0xFF) != PacketDecoder.DISCONNECT).forEach(withDisconnect::add);
        DecoderHarness actual = new DecoderHarness();

        assertThat(actual.decode(FuzzFrames.concat(withDisconnect))).isEqualTo(reason);
        assertThat(actual.legStates()).isEqualTo(expected.legStates());
    }

    // ---- generators ----------------------------------------------------------------------------

    @Provide
    Arbitrary<List<byte[]>> frameSequences() {
        return anyFrame().list().ofMinSize(1).ofMaxSize(6);
    }

    /** Random bytes, valid frames (some past the decoder's initial 16 KiB buffer) and every kind of mutation. */
    @Provide
    Arbitrary<byte[]> anyFrame() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                net.jqwik.api.Tuple.of(3, validPackets().map(FuzzFrames::concat)),
                net.jqwik.api.Tuple.of(1, validPacket().list().ofMinSize(100).ofMaxSize(200).map(FuzzFrames::concat)),
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().map(seed -> FuzzFrames.any(new SplittableRandom(seed)).bytes())));
    }

    @Provide
    Arbitrary<List<byte[]>> validPackets() {
        return validPacket().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<byte[]> validPacket() {
        Arbitrary<ExchangeSegment> segment = Arbitraries.of(ExchangeSegment.IDX_I, ExchangeSegment.NSE_FNO,
                ExchangeSegment.BSE_FNO, ExchangeSegment.NSE_EQ);
        Arbitrary<Long> id = Arbitraries.oneOf(Arbitraries.longs().between(39_998, 40_009), Arbitraries.just(13L));
        Arbitrary<Float> price = Arbitraries.oneOf(Arbitraries.floats().between(-1_000f, 100_000f).ofScale(2),
                Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE));
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        return Arbitraries.oneOf(
                Combinators.combine(segment, id, price, u32).as(ProtocolPackets::ticker),
                Combinators.combine(segment, id, price, u32, u32).as(ProtocolPackets::quote),
                Combinators.combine(segment, id, u32).as(ProtocolPackets::oi),
                Combinators.combine(segment, id, price, u32).as(ProtocolPackets::prevClose),
                Combinators.combine(segment, id, price, u32, price, u32, price, u32)
                        .as((s, i, ltp, volume, bid, bidQty, ask, askQty) ->
                                ProtocolPackets.full(s, i, ltp, volume ^ 0x5A5A, volume, bidQty ^ askQty, bid, bidQty, ask, askQty)),
                Arbitraries.just(ProtocolPackets.marketStatus()));
    }

    /** 1-7 bytes (no header), or a header whose length field is below 8 or runs past the frame's end. */
    @Provide
    Arbitrary<byte[]> unframeableTail() {
        Arbitrary<byte[]> short_ = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(7);
        Arbitrary<byte[]> lengthBelowHeader = Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofMinSize(8).ofMaxSize(100),
                        Arbitraries.integers().between(0, 7))
                .as((bytes, length) -> withLength(bytes, length));
        Arbitrary<byte[]> pastTheEnd = Arbitraries.bytes().array(byte[].class).ofMinSize(8).ofMaxSize(100)
                .flatMap(bytes -> Arbitraries.integers().between(bytes.length + 1, 65_535)
                        .map(length -> withLength(bytes, length)));
        return Arbitraries.oneOf(short_, lengthBelowHeader, pastTheEnd);
    }

    /** A packet whose length field frames it correctly but whose code is unknown or whose length is not its code's. */
    @Provide
    Arbitrary<byte[]> badButFramedPacket() {
        Arbitrary<byte[]> unknownCode = Combinators.combine(
                        Arbitraries.integers().between(0, 255).filter(code -> !FuzzFrames.isKnown(code)),
                        Arbitraries.integers().between(8, 300))
                .as((code, length) -> ProtocolPackets.raw(code, length, 2, 40_000));
        int[][] documented = {{2, 16}, {4, 50}, {5, 12}, {6, 16}, {8, 162}, {50, 10}};
        Arbitrary<byte[]> wrongLength = Combinators.combine(Arbitraries.of(documented),
                        Arbitraries.integers().between(8, 300))
                .filter((codeAndLength, length) -> codeAndLength[1] != length)
                .as((codeAndLength, length) -> ProtocolPackets.raw(codeAndLength[0], length, 2, 40_000));
        return Arbitraries.oneOf(unknownCode, wrongLength);
    }

    private static byte[] withLength(byte[] bytes, int length) {
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        out[1] = (byte) length;
        out[2] = (byte) (length >>> 8);
        return out;
    }

    private static Malformed expectedReason(byte[] tail) {
        if (tail.length < PacketDecoder.HEADER_LENGTH) {
            return Malformed.SHORT_HEADER;
        }
        int length = (tail[1] & 0xFF) | (tail[2] & 0xFF) << 8;
        return length < PacketDecoder.HEADER_LENGTH ? Malformed.LENGTH_BELOW_HEADER : Malformed.PAST_FRAME_END;
    }

    private static void assertSameCounters(FeedMetrics actual, FeedMetrics expected) {
        for (int code = 0; code < 256; code++) {
            assertThat(actual.packets(code)).as("packets %d", code).isEqualTo(expected.packets(code));
        }
        for (Malformed reason : Malformed.values()) {
            assertThat(actual.malformed(reason)).as("%s", reason).isEqualTo(expected.malformed(reason));
        }
        assertThat(actual.ticksApplied()).isEqualTo(expected.ticksApplied());
        assertThat(actual.unknownInstruments()).isEqualTo(expected.unknownInstruments());
    }
}
