package com.livechain.dhan.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

import com.livechain.chain.TickApplier;

import okio.ByteString;

/**
 * Decodes Dhan's binary live-feed responses (protocol §3.4, §3.5) in place and applies them to the
 * chain through {@link TickApplier}. A flyweight in the Agrona/SBE manner: fields are read at their
 * offsets straight from the frame's bytes, nothing is copied into objects, and a packet allocates
 * nothing.
 *
 * <p>The reads go through little-endian byte-array {@link VarHandle} views rather than Agrona's
 * {@code UnsafeBuffer}: Agrona 2.x reaches {@code jdk.internal.misc.Unsafe} and fails to load without
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, a flag every launcher (IDE, tests,
 * {@code java -jar}) would have to carry. The view handles compile to the same plain loads.
 *
 * <p>A binary frame may carry several packets back to back; each starts with an 8-byte header
 * whose length field is the packet's total length including the header, so the loop steps by it.
 * A packet that cannot be trusted is counted by reason ({@link FeedMetrics.Malformed}) and skipped:
 * when its length field is in bounds the decoder steps over it and goes on with the frame, when the
 * length field itself is impossible the rest of the frame cannot be framed and is dropped.
 * Packets of an unknown code are stepped over by their length field too, so a packet type Dhan adds
 * later costs a counter, not the packets after it.
 *
 * <p>Dhan's table types the fields as signed int16/int32, but DhanHQ-py reads quantities, times and
 * ids unsigned, and a day volume of a busy contract can pass 2^31; everything but prices is read
 * unsigned ({@code & 0xFFFF}, {@code & 0xFFFF_FFFFL}).
 *
 * <p>The clock is read once per frame (the packets of a frame arrived together), and packets are
 * counted in this decoder's own {@link FeedMetrics.Tally} without atomic instructions: a clock call
 * and three {@code LongAdder} updates per packet cost more than the decode and the seqlocked write
 * together (docs/performance.md). {@link #close()} hands the counts over to the metrics' totals.
 *
 * <p>Not thread-safe: one decoder per WebSocket (OkHttp delivers one socket's messages on one
 * thread, in order).
 */
public final class PacketDecoder {

    /** {@link #decode} found no disconnect packet. */
    public static final int NO_DISCONNECT = -1;

    public static final int HEADER_LENGTH = 8;

    public static final int INDEX = 1;
    public static final int TICKER = 2;
    public static final int MARKET_DEPTH = 3;
    public static final int QUOTE = 4;
    public static final int OI = 5;
    public static final int PREV_CLOSE = 6;
    public static final int MARKET_STATUS = 7;
    public static final int FULL = 8;
    public static final int DISCONNECT = 50;

    static final int TICKER_LENGTH = 16;
    static final int QUOTE_LENGTH = 50;
    static final int OI_LENGTH = 12;
    static final int PREV_CLOSE_LENGTH = 16;
    static final int FULL_LENGTH = 162;
    static final int DISCONNECT_LENGTH = 10;

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    // Header (§3.4).
    private static final int CODE = 0;
    private static final int LENGTH = 1;
    private static final int SEGMENT = 3;
    private static final int SECURITY_ID = 4;

    // Ticker (2), prev close (6), OI (5), disconnect (50).
    private static final int TICKER_LTP = 8;
    private static final int TICKER_LTT = 12;
    private static final int PREV_CLOSE_PRICE = 8;
    private static final int PREV_CLOSE_OI = 12;
    private static final int OI_VALUE = 8;
    private static final int DISCONNECT_REASON = 8;

    // Quote (4) and full (8) share their first fields up to total buy quantity.
    private static final int LTP = 8;
    private static final int LTT = 14;
    private static final int VOLUME = 22;
    private static final int FULL_OI = 34;

    // Full (8): depth level 0 (the best), 20 bytes at 62.
    private static final int DEPTH = 62;
    private static final int DEPTH_BID_QTY = DEPTH;
    private static final int DEPTH_ASK_QTY = DEPTH + 4;
    private static final int DEPTH_BID_PRICE = DEPTH + 12;
    private static final int DEPTH_ASK_PRICE = DEPTH + 16;

    private static final int INITIAL_CAPACITY = 16 * 1024;

    private final TickApplier applier;
    private final FeedMetrics metrics;
    /** Where the pieces of a message that does not arrive in one piece are gathered (see {@link #decode(ByteString)}). */
    private byte[] bytes;
    private final InPlace inPlace = new InPlace();

    private final FeedMetrics.Tally tally;
    /** Packets of the current frame applied to a leg, added to the applier's count at the frame's end. */
    private int frameApplied;

    public PacketDecoder(TickApplier applier, FeedMetrics metrics) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.bytes = new byte[INITIAL_CAPACITY];
        this.tally = metrics.tally();
    }

    /** This decoder is done: its counts move to the metrics' totals. Decode nothing after this. */
    public void close() {
        metrics.retire(tally);
    }

    /**
     * Decodes an OkHttp binary message, in place when okio lets it: {@link ByteString#write(OutputStream)} hands a
     * plain byte string's own array to {@code OutputStream.write} in one call (okio's {@code ByteString.kt}:
     * {@code out.write(data)}), and {@link InPlace} decodes that array where it is, no copy. A segmented byte
     * string (OkHttp's WebSocket reader makes one for a message of 4 KiB or more) arrives a segment at a time,
     * and a segment can end inside a packet, so its pieces are gathered into this decoder's reusable buffer
     * and decoded together; so is anything else that does not come as one piece. {@code asByteBuffer()} would read
     * in place too, but allocates a view per message that escape analysis did not remove (6.6 bytes per packet in
     * FeedStreamBenchmark with -prof gc), reads more slowly through it, and copies a segmented string whole
     * (docs/performance.md).
     *
     * @return the reason code of a disconnect packet (50) in the frame, or {@link #NO_DISCONNECT}
     */
    public int decode(ByteString message) {
        int size = message.size();
        inPlace.begin(size);
        try {
            message.write(inPlace);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // InPlace does no I/O; never thrown
        }
        return inPlace.finish();
    }

    /**
     * The receiving end of {@link #decode(ByteString)}: decodes a message handed over whole in one write, where it
     * lies; otherwise gathers the pieces into the reusable buffer (grown, once, to the next power of two only for a
     * message larger than any before) and decodes them when the message is complete.
     */
    private final class InPlace extends OutputStream {
        private int size;
        private int gathered;
        private boolean decoded;
        private int disconnect;

        void begin(int size) {
            this.size = size;
            gathered = 0;
            decoded = false;
            disconnect = NO_DISCONNECT;
        }

        @Override
        public void write(byte[] piece, int offset, int length) {
            if (gathered == 0 && length == size && !decoded) {
                disconnect = decode(piece, offset, length);
                decoded = true;
                return;
            }
            if (decoded || gathered + length > size) {
                throw new IllegalStateException("ByteString.write gave " + (gathered + length) + " bytes of " + size);
            }
            if (size > bytes.length) {
                bytes = new byte[Integer.highestOneBit(size - 1) << 1];
            }
            System.arraycopy(piece, offset, bytes, gathered, length);
            gathered += length;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        int finish() {
            if (!decoded) {
                if (gathered != size) {
                    throw new IllegalStateException("ByteString.write gave " + gathered + " bytes of " + size);
                }
                disconnect = decode(bytes, 0, size);
                decoded = true;
            }
            return disconnect;
        }
    }

    /**
     * Decodes every packet in {@code frame[offset, offset + length)} and applies it.
     *
     * @return the reason code of the last disconnect packet (50) in the range, or {@link #NO_DISCONNECT}
     */
    public int decode(byte[] frame, int offset, int length) {
        int disconnect = NO_DISCONNECT;
        long now = applier.nowMillis();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int remaining = end - position;
            if (remaining < HEADER_LENGTH) {
                metrics.countMalformed(FeedMetrics.Malformed.SHORT_HEADER);
                break;
            }
            int packetLength = u16(frame, position + LENGTH);
            if (packetLength < HEADER_LENGTH) {
                metrics.countMalformed(FeedMetrics.Malformed.LENGTH_BELOW_HEADER);
                break;
            }
            if (packetLength > remaining) {
                metrics.countMalformed(FeedMetrics.Malformed.PAST_FRAME_END);
                break;
            }
            int code = u8(frame, position + CODE);
            int reason = packet(frame, position, packetLength, code, now);
            if (reason != NO_DISCONNECT) {
                disconnect = reason;
            }
            position += packetLength;
        }
        if (frameApplied != 0) {
            applier.countApplied(frameApplied);
            frameApplied = 0;
        }
        return disconnect;
    }

    /** One framed packet; returns a disconnect reason or {@link #NO_DISCONNECT}. */
    private int packet(byte[] frame, int at, int packetLength, int code, long now) {
        int segment = u8(frame, at + SEGMENT);
        long securityId = u32(frame, at + SECURITY_ID);
        switch (code) {
            case TICKER:
                if (expect(packetLength, TICKER_LENGTH, code)) {
                    applied(applier.ticker(segment, securityId,
                            f32(frame, at + TICKER_LTP),
                            u32(frame, at + TICKER_LTT), now));
                }
                return NO_DISCONNECT;
            case QUOTE:
                if (expect(packetLength, QUOTE_LENGTH, code)) {
                    applied(applier.quote(segment, securityId,
                            f32(frame, at + LTP),
                            u32(frame, at + LTT),
                            u32(frame, at + VOLUME), now));
                }
                return NO_DISCONNECT;
            case OI:
                if (expect(packetLength, OI_LENGTH, code)) {
                    applied(applier.openInterest(segment, securityId,
                            u32(frame, at + OI_VALUE), now));
                }
                return NO_DISCONNECT;
            case PREV_CLOSE:
                if (expect(packetLength, PREV_CLOSE_LENGTH, code)) {
                    // The applier counts previous-close packets itself: not in this frame's tally for it.
                    appliedCountedByApplier(applier.previousClose(segment, securityId,
                            f32(frame, at + PREV_CLOSE_PRICE),
                            u32(frame, at + PREV_CLOSE_OI)));
                }
                return NO_DISCONNECT;
            case FULL:
                if (expect(packetLength, FULL_LENGTH, code)) {
                    applied(applier.full(segment, securityId,
                            f32(frame, at + LTP),
                            u32(frame, at + LTT),
                            u32(frame, at + VOLUME),
                            u32(frame, at + FULL_OI),
                            f32(frame, at + DEPTH_BID_PRICE),
                            u32(frame, at + DEPTH_BID_QTY),
                            f32(frame, at + DEPTH_ASK_PRICE),
                            u32(frame, at + DEPTH_ASK_QTY), now));
                }
                return NO_DISCONNECT;
            case DISCONNECT:
                if (expect(packetLength, DISCONNECT_LENGTH, code)) {
                    return u16(frame, at + DISCONNECT_REASON);
                }
                return NO_DISCONNECT;
            case INDEX:
            case MARKET_DEPTH:
            case MARKET_STATUS:
                // Index (1): layout undocumented. Market depth (3): v1 protocol only, never subscribed.
                // Market status (7): header only, meaning unconfirmed. Counted by code, nothing to apply.
                count(code);
                return NO_DISCONNECT;
            default:
                metrics.countMalformed(FeedMetrics.Malformed.UNKNOWN_CODE);
                return NO_DISCONNECT;
        }
    }

    private static int u8(byte[] frame, int at) {
        return frame[at] & 0xFF;
    }

    private static int u16(byte[] frame, int at) {
        return (short) I16.get(frame, at) & 0xFFFF;
    }

    private static long u32(byte[] frame, int at) {
        return (int) I32.get(frame, at) & 0xFFFF_FFFFL;
    }

    private static float f32(byte[] frame, int at) {
        return (float) F32.get(frame, at);
    }

    private boolean expect(int packetLength, int documented, int code) {
        if (packetLength != documented) {
            metrics.countMalformed(FeedMetrics.Malformed.LENGTH_MISMATCH);
            return false;
        }
        count(code);
        return true;
    }

    private void count(int code) {
        tally.increment(code);
    }

    private void appliedCountedByApplier(boolean known) {
        tally.increment(known ? FeedMetrics.APPLIED : FeedMetrics.UNKNOWN);
    }

    private void applied(boolean known) {
        if (known) {
            frameApplied++;
            tally.increment(FeedMetrics.APPLIED);
        } else {
            tally.increment(FeedMetrics.UNKNOWN);
        }
    }
}
