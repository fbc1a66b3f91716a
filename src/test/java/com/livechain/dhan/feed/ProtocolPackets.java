package com.livechain.dhan.feed;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.livechain.chain.ExchangeSegment;

import okio.ByteString;

/**
 * Dhan live-feed packets written field by field from the protocol table (shared/dhan-protocol.md
 * §3.4, §3.5; 0-based offsets, little-endian). Deliberately independent of {@link PacketDecoder}'s
 * constants, so a wrong offset in one shows up against the other.
 */
public final class ProtocolPackets {

    private ProtocolPackets() {
    }

    /** The 8-byte header: code, total length (including the header), segment, security id. */
    public static ByteBuffer packet(int code, int length, int segment, long securityId) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) code);
        b.putShort(1, (short) length);
        b.put(3, (byte) segment);
        b.putInt(4, (int) securityId);
        return b;
    }

    /** Ticker (2), 16 bytes: 8 float32 LTP, 12 int32 LTT. */
    public static byte[] ticker(ExchangeSegment segment, long securityId, float ltp, long ltt) {
        ByteBuffer b = packet(2, 16, segment.code(), securityId);
        b.putFloat(8, ltp);
        b.putInt(12, (int) ltt);
        return b.array();
    }

    /**
     * Quote (4), 50 bytes: 8 LTP, 12 int16 LTQ, 14 LTT, 18 ATP, 22 volume, 26 total sell qty,
     * 30 total buy qty, 34 open, 38 close, 42 high, 46 low. The fields livechain does not keep get
     * recognisable filler values.
     */
    public static byte[] quote(ExchangeSegment segment, long securityId, float ltp, long ltt, long volume) {
        ByteBuffer b = packet(4, 50, segment.code(), securityId);
        b.putFloat(8, ltp);
        b.putShort(12, (short) 75);
        b.putInt(14, (int) ltt);
        b.putFloat(18, ltp - 1);
        b.putInt(22, (int) volume);
        b.putInt(26, 111_111);
        b.putInt(30, 222_222);
        b.putFloat(34, ltp - 10);
        b.putFloat(38, 0);
        b.putFloat(42, ltp + 20);
        b.putFloat(46, ltp - 20);
        return b.array();
    }

    /** OI (5), 12 bytes: 8 int32 open interest. */
    public static byte[] oi(ExchangeSegment segment, long securityId, long oi) {
        ByteBuffer b = packet(5, 12, segment.code(), securityId);
        b.putInt(8, (int) oi);
        return b.array();
    }

    /** Prev close (6), 16 bytes: 8 float32 previous close, 12 int32 previous OI. */
    public static byte[] prevClose(ExchangeSegment segment, long securityId, float close, long prevOi) {
        ByteBuffer b = packet(6, 16, segment.code(), securityId);
        b.putFloat(8, close);
        b.putInt(12, (int) prevOi);
        return b.array();
    }

    /**
     * Full (8), 162 bytes: 8 LTP, 12 int16 LTQ, 14 LTT, 18 ATP, 22 volume, 26 sell qty, 30 buy qty,
     * 34 OI, 38 OI high, 42 OI low, 46 open, 50 close, 54 high, 58 low, then 5 depth levels of 20
     * bytes at 62: +0 bid qty, +4 ask qty, +8 int16 bid orders, +10 int16 ask orders, +12 float32
     * bid, +16 float32 ask. Levels 1-4 are worse than level 0 by a tick each, so reading the wrong
     * level shows.
     */
    public static byte[] full(ExchangeSegment segment, long securityId, float ltp, long ltt, long volume, long oi,
                       float bid, long bidQty, float ask, long askQty) {
        ByteBuffer b = packet(8, 162, segment.code(), securityId);
        b.putFloat(8, ltp);
        b.putShort(12, (short) 50);
        b.putInt(14, (int) ltt);
        b.putFloat(18, ltp - 0.5f);
        b.putInt(22, (int) volume);
        b.putInt(26, 333_333);
        b.putInt(30, 444_444);
        b.putInt(34, (int) oi);
        b.putInt(38, (int) oi + 1000);
        b.putInt(42, (int) oi - 1000);
        b.putFloat(46, ltp - 5);
        b.putFloat(50, 0);
        b.putFloat(54, ltp + 5);
        b.putFloat(58, ltp - 6);
        for (int level = 0; level < 5; level++) {
            int at = 62 + 20 * level;
            b.putInt(at, (int) bidQty + 100 * level);
            b.putInt(at + 4, (int) askQty + 100 * level);
            b.putShort(at + 8, (short) (3 + level));
            b.putShort(at + 10, (short) (4 + level));
            b.putFloat(at + 12, bid - 0.5f * level);
            b.putFloat(at + 16, ask + 0.5f * level);
        }
        return b.array();
    }

    /** Market status (7): header only (DhanHQ-py). */
    public static byte[] marketStatus() {
        return packet(7, 8, 0, 0).array();
    }

    /** Feed disconnect (50), 10 bytes: 8 int16 reason code. */
    public static byte[] disconnect(int reason) {
        ByteBuffer b = packet(50, 10, 0, 0);
        b.putShort(8, (short) reason);
        return b.array();
    }

    /** A packet with the given header and a zero body, for codes and lengths the protocol does not define. */
    public static byte[] raw(int code, int length, int segment, long securityId) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) code);
        b.putShort(1, (short) length);
        b.put(3, (byte) segment);
        b.putInt(4, (int) securityId);
        return b.array();
    }

    /** Packets back to back, as one WebSocket binary message. */
    public static byte[] frame(byte[]... packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static ByteString message(byte[]... packets) {
        return ByteString.of(frame(packets));
    }

    /** The first {@code length} bytes of {@code packet}: a packet cut short. */
    public static byte[] cut(byte[] packet, int length) {
        byte[] out = new byte[length];
        System.arraycopy(packet, 0, out, 0, length);
        return out;
    }
}
