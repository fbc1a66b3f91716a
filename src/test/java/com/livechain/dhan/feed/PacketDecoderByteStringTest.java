package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.NSE_FNO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.feed.FeedMetrics.Malformed;

import okio.Buffer;
import okio.ByteString;

/**
 * {@link PacketDecoder#decode(ByteString)} decodes exactly what {@link PacketDecoder#decode(byte[], int, int)}
 * decodes for the same bytes, whether OkHttp hands it a plain byte string (read in place) or a segmented one,
 * as its WebSocket reader makes for a message of 4 KiB or more, whose segments can end inside a packet.
 */
class PacketDecoderByteStringTest {

    private static final long FIRST_ID = 40_000;
    private static final int LEGS = 64;

    /** A decoder over its own chain of {@value #LEGS} legs, so two can be fed the same bytes and compared. */
    private static final class Side {
        final FeedMetrics metrics = new FeedMetrics();
        final List<Leg> legs = new ArrayList<>();
        final PacketDecoder decoder;

        Side() {
            InstrumentIndex.Builder builder = InstrumentIndex.builder();
            for (int i = 0; i < LEGS; i++) {
                legs.add(builder.option(FIRST_ID + i, NSE_FNO));
            }
            InstrumentIndex index = builder.build();
            decoder = new PacketDecoder(new TickApplier(() -> index,
                    Clock.fixed(Instant.parse("2026-11-26T04:01:02Z"), ZoneOffset.UTC)), metrics);
        }

        List<String> state() {
            List<String> out = new ArrayList<>();
            for (Leg leg : legs) {
                LegSnapshot s = leg.read();
                out.add(s.securityId() + " " + s.ltp() + " " + s.bid() + " " + s.ask() + " " + s.bidQty() + " "
                        + s.askQty() + " " + s.volume() + " " + s.oi() + " " + s.prevClose() + " " + s.prevOi() + " "
                        + s.lastTradeTime() + " " + s.updatedAtMillis());
            }
            for (int code = 0; code < 256; code++) {
                if (metrics.packets(code) != 0) {
                    out.add("packets " + code + " " + metrics.packets(code));
                }
            }
            for (Malformed reason : Malformed.values()) {
                out.add("malformed " + reason + " " + metrics.malformed(reason));
            }
            out.add("applied " + metrics.ticksApplied() + ", unknown " + metrics.unknownInstruments());
            return out;
        }
    }

    /** {@code count} full packets for legs in turn (and one for an instrument not in the chain), with new values. */
    private static byte[] fullPackets(int count, int salt) {
        byte[][] packets = new byte[count][];
        for (int i = 0; i < count; i++) {
            long id = i == count / 2 ? 99_999 : FIRST_ID + (i * 7L + salt) % LEGS;
            float price = 100 + i + salt / 100f;
            packets[i] = ProtocolPackets.full(NSE_FNO, id, price, 1_795_665_662L + i, 1000L * i + salt,
                    5000L + i, price - 0.05f, 75L * i, price + 0.05f, 150L + i);
        }
        return ProtocolPackets.frame(packets);
    }

    /** As OkHttp's WebSocketReader hands a binary message to onMessage: {@code messageFrameBuffer.readByteString()}. */
    private static ByteString asOkHttpDelivers(byte[] frame) {
        return new Buffer().write(frame).readByteString();
    }

    private static void assertSameAsByteArrays(List<byte[]> frames, List<ByteString> messages) {
        Side arrays = new Side();
        Side strings = new Side();
        for (int i = 0; i < frames.size(); i++) {
            int expected = arrays.decoder.decode(frames.get(i), 0, frames.get(i).length);
            assertThat(strings.decoder.decode(messages.get(i))).as("disconnect reason of frame %d", i).isEqualTo(expected);
        }
        assertThat(strings.state()).isEqualTo(arrays.state());
    }

    @Test
    void aSmallMessageIsAPlainByteStringAndDecodesAsItsBytes() {
        byte[] frame = fullPackets(16, 1);
        ByteString message = asOkHttpDelivers(frame);

        assertThat(message.getClass()).as("under 4 KiB OkHttp makes a plain byte string").isEqualTo(ByteString.class);
        assertSameAsByteArrays(List.of(frame), List.of(message));
    }

    @Test
    void aLargeMessageArrivesInSegmentsThatSplitAPacketAndDecodesAsItsBytes() {
        // 62 full packets, 10,044 bytes: okio's 8,192-byte segments end 92 bytes into the 51st packet.
        byte[] frame = fullPackets(62, 2);
        ByteString message = asOkHttpDelivers(frame);

        assertThat(message.getClass()).as("from 4 KiB OkHttp makes a segmented byte string").isNotEqualTo(ByteString.class);
        assertSameAsByteArrays(List.of(frame), List.of(message));
    }

    @Test
    void mixedMessagesMalformedPacketsAndADisconnectDecodeAsTheirBytes() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(fullPackets(3, 3));
        frames.add(fullPackets(40, 4));
        frames.add(ProtocolPackets.frame(fullPackets(30, 5), ProtocolPackets.raw(99, 20, 2, FIRST_ID),
                ProtocolPackets.cut(ProtocolPackets.full(NSE_FNO, FIRST_ID, 1f, 1, 1, 1, 1f, 1, 1f, 1), 100)));
        frames.add(ProtocolPackets.frame(ProtocolPackets.oi(NSE_FNO, FIRST_ID + 1, 777), ProtocolPackets.disconnect(807)));
        frames.add(new byte[0]);
        frames.add(ProtocolPackets.frame(fullPackets(70, 6), ProtocolPackets.disconnect(805)));
        List<ByteString> messages = new ArrayList<>();
        for (byte[] frame : frames) {
            messages.add(asOkHttpDelivers(frame));
        }

        assertSameAsByteArrays(frames, messages);
        assertThat(new Side().decoder.decode(messages.get(5))).isEqualTo(805);
    }

    @Test
    void theSameDecoderTakesPlainAndSegmentedMessagesInAnyOrder() {
        List<byte[]> frames = new ArrayList<>();
        List<ByteString> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] frame = fullPackets(i % 3 == 0 ? 55 : 1 + i, 10 + i);
            frames.add(frame);
            // Some as slices of a larger string, as substring() makes them: a plain string over part of an array.
            messages.add(i % 4 == 1 ? ByteString.of(frame).substring(0, frame.length) : asOkHttpDelivers(frame));
        }
        assertSameAsByteArrays(frames, messages);
    }
}
