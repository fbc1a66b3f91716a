package com.livechain.simulator.feed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import com.livechain.simulator.market.SimInstrument;

/**
 * Malformed frames, each a case a decoder must survive, mixed with valid packets written by {@link PacketWriter}:
 * an unknown response code between valid packets, a frame shorter than a header, a full packet cut short, a
 * length field smaller than the header, a length field wrong for its code, and a batch whose last packet is cut
 * short.
 */
final class GarbageFrames {

    private GarbageFrames() {
    }

    /** The frames, around {@code instrument}'s packets; call under the market's monitor, as writing packets is. */
    static List<ByteBuffer> around(SimInstrument instrument) {
        List<ByteBuffer> frames = new ArrayList<>();

        ByteBuffer mixed = le(PacketWriter.TICKER_LENGTH + 12 + PacketWriter.PREV_CLOSE_LENGTH);
        PacketWriter.ticker(mixed, instrument);
        PacketWriter.header(mixed, 99, 12, 0, 0);
        mixed.putInt(0x7F7F7F7F);
        PacketWriter.prevClose(mixed, instrument);
        frames.add(mixed.flip());

        ByteBuffer tooShort = le(5);
        tooShort.put((byte) PacketWriter.TICKER).putShort((short) PacketWriter.TICKER_LENGTH).put((byte) 0).put((byte) 13);
        frames.add(tooShort.flip());

        ByteBuffer truncated = le(40);
        PacketWriter.header(truncated, PacketWriter.FULL, PacketWriter.FULL_LENGTH, instrument.segment.code(),
                instrument.securityId);
        truncated.putFloat((float) instrument.ltp);
        frames.add(truncated.position(40).flip());

        ByteBuffer lengthBelowHeader = le(4 + PacketWriter.TICKER_LENGTH);
        lengthBelowHeader.put((byte) PacketWriter.TICKER).putShort((short) 4).put((byte) 0);
        PacketWriter.ticker(lengthBelowHeader, instrument);
        frames.add(lengthBelowHeader.flip());

        ByteBuffer wrongLength = le(170);
        PacketWriter.header(wrongLength, PacketWriter.FULL, 170, instrument.segment.code(), instrument.securityId);
        frames.add(wrongLength.position(170).flip());

        ByteBuffer cutBatch = le(PacketWriter.TICKER_LENGTH + 10);
        PacketWriter.ticker(cutBatch, instrument);
        PacketWriter.header(cutBatch, PacketWriter.TICKER, PacketWriter.TICKER_LENGTH, 0, instrument.securityId);
        cutBatch.putShort((short) 1);
        frames.add(cutBatch.flip());
        return frames;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
