package com.livechain.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small decoder for Dhan's live-feed binary frames, written from the protocol table (§3.4, §3.5) and
 * independent of the simulator's encoder: 8-byte little-endian header (code uint8, length int16 including the
 * header, segment uint8, security id int32), packets back to back in a frame.
 */
public final class DhanPackets {

    /** Documented total length of each response code. */
    static final Map<Integer, Integer> LENGTHS = Map.of(2, 16, 4, 50, 5, 12, 6, 16, 7, 8, 8, 162, 50, 10);

    private DhanPackets() {
    }

    /** One packet: the header fields and the whole packet's bytes (offsets below are from the packet start). */
    public record Packet(int code, int length, int segment, long securityId, ByteBuffer bytes) {
        float f32(int offset) { return bytes.getFloat(offset); }
        int i16(int offset) { return bytes.getShort(offset) & 0xFFFF; }
        long u32(int offset) { return bytes.getInt(offset) & 0xFFFF_FFFFL; }

        // Ticker (2) and prev close (6)
        public float ltp() { return f32(8); }
        public long tickerTime() { return u32(12); }
        public float prevClose() { return f32(8); }
        public long prevOi() { return u32(12); }
        // OI (5)
        public long oi() { return u32(8); }
        // Quote (4) and full (8) share offsets 8..33
        public float tradeLtp() { return f32(8); }
        public int ltq() { return i16(12); }
        public long ltt() { return u32(14); }
        public float atp() { return f32(18); }
        public long volume() { return u32(22); }
        long totalSellQty() { return u32(26); }
        long totalBuyQty() { return u32(30); }
        // Full (8)
        public long fullOi() { return u32(34); }
        public long oiDayHigh() { return u32(38); }
        public long oiDayLow() { return u32(42); }
        float fullOpen() { return f32(46); }
        public float fullHigh() { return f32(54); }
        public float fullLow() { return f32(58); }
        public long bidQty(int level) { return u32(62 + 20 * level); }
        public long askQty(int level) { return u32(66 + 20 * level); }
        public int bidOrders(int level) { return i16(70 + 20 * level); }
        int askOrders(int level) { return i16(72 + 20 * level); }
        public float bidPrice(int level) { return f32(74 + 20 * level); }
        public float askPrice(int level) { return f32(78 + 20 * level); }
        // Quote (4)
        float quoteOpen() { return f32(34); }
        public float quoteHigh() { return f32(42); }
        public float quoteLow() { return f32(46); }
        // Disconnect (50)
        public int reason() { return i16(8); }
    }

    /** Packets decoded from one frame, and what was wrong with it (empty for a well-formed frame). */
    public record Decoded(List<Packet> packets, List<String> problems) {
    }

    /**
     * Decodes a frame, stopping at the first malformed packet: a length below the header or past the frame's
     * end, or a length that is not the documented one for its code. Unknown codes of a plausible length are
     * reported and skipped.
     */
    public static Decoded decode(byte[] frame) {
        ByteBuffer buf = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        List<Packet> packets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int at = 0;
        while (at < frame.length) {
            if (frame.length - at < 8) {
                problems.add("trailing " + (frame.length - at) + " bytes, shorter than a header");
                break;
            }
            int code = buf.get(at) & 0xFF;
            int length = buf.getShort(at + 1) & 0xFFFF;
            if (length < 8) {
                problems.add("length " + length + " below the header size");
                break;
            }
            if (at + length > frame.length) {
                problems.add("code " + code + " length " + length + " past the frame end");
                break;
            }
            Integer documented = LENGTHS.get(code);
            if (documented == null) {
                problems.add("unknown code " + code);
                at += length;
                continue;
            }
            if (documented != length) {
                problems.add("code " + code + " with length " + length + ", documented " + documented);
                break;
            }
            ByteBuffer bytes = ByteBuffer.wrap(frame, at, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            packets.add(new Packet(code, length, buf.get(at + 3) & 0xFF, buf.getInt(at + 4) & 0xFFFF_FFFFL, bytes));
            at += length;
        }
        return new Decoded(packets, problems);
    }

    /** Decodes a frame that must be well formed. */
    public static List<Packet> decodeStrict(byte[] frame) {
        Decoded decoded = decode(frame);
        if (!decoded.problems().isEmpty()) {
            throw new AssertionError("malformed frame: " + decoded.problems());
        }
        return decoded.packets();
    }
}
