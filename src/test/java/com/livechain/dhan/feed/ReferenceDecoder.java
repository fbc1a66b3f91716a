package com.livechain.dhan.feed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.livechain.dhan.feed.FeedMetrics.Malformed;

/**
 * A second, deliberately plain reading of protocol §3.4/§3.5 for differential fuzzing: a
 * {@link ByteBuffer} walk with no shared constants, no flyweight and no concern for allocation. For any
 * bytes it says what {@link PacketDecoder} must do with them: which packets are counted by code, which
 * are skipped by which {@link Malformed} reason, which are applied or land on an unknown instrument, the
 * disconnect reason returned, and the values each instrument must end up with.
 *
 * <p>Framing rules it encodes (documented on {@link PacketDecoder}): fewer than 8 bytes left, a length
 * below 8 or past the end of the frame end the frame; a known code with a length other than its
 * documented one, or an unknown code, costs that packet only.
 */
final class ReferenceDecoder {

    /** The values livechain keeps per instrument; {@code NaN} / -1 until a packet sets them. */
    static final class State {
        double ltp = Double.NaN;
        double prevClose = Double.NaN;
        double bid = Double.NaN;
        double ask = Double.NaN;
        long bidQty = -1;
        long askQty = -1;
        long volume = -1;
        long oi = -1;
        long prevOi = -1;
        long lastTradeTime = -1;
    }

    /** What decoding some frames must produce. */
    static final class Outcome {
        final long[] packets = new long[256];
        final Map<Malformed, Long> malformed = new EnumMap<>(Malformed.class);
        long applied;
        long unknown;
        int lastDisconnect = PacketDecoder.NO_DISCONNECT;
        final Map<Long, State> states = new HashMap<>();

        Outcome() {
            for (Malformed reason : Malformed.values()) {
                malformed.put(reason, 0L);
            }
        }

        long malformedTotal() {
            return malformed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Set<Long> known;
    private final Outcome outcome = new Outcome();

    /** @param known the chain's instruments as {@link #key(int, long)} */
    ReferenceDecoder(Set<Long> known) {
        this.known = known;
    }

    static long key(int segment, long securityId) {
        return ((long) segment << 32) | securityId;
    }

    Outcome outcome() {
        return outcome;
    }

    /** Decodes one binary message; returns the reason of its last disconnect packet, or -1. */
    int decode(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int disconnect = PacketDecoder.NO_DISCONNECT;
        int at = 0;
        while (at < frame.length) {
            if (frame.length - at < 8) {
                malformed(Malformed.SHORT_HEADER);
                break;
            }
            int length = Short.toUnsignedInt(b.getShort(at + 1));
            if (length < 8) {
                malformed(Malformed.LENGTH_BELOW_HEADER);
                break;
            }
            if (at + length > frame.length) {
                malformed(Malformed.PAST_FRAME_END);
                break;
            }
            int code = Byte.toUnsignedInt(b.get(at));
            int segment = Byte.toUnsignedInt(b.get(at + 3));
            long id = Integer.toUnsignedLong(b.getInt(at + 4));
            switch (code) {
                case 2 -> {
                    if (documented(length, 16, code)) {
                        State s = apply(segment, id);
                        if (s != null) {
                            s.ltp = b.getFloat(at + 8);
                            s.lastTradeTime = Integer.toUnsignedLong(b.getInt(at + 12));
                        }
                    }
                }
                case 4 -> {
                    if (documented(length, 50, code)) {
                        State s = apply(segment, id);
                        if (s != null) {
                            s.ltp = b.getFloat(at + 8);
                            s.lastTradeTime = Integer.toUnsignedLong(b.getInt(at + 14));
                            s.volume = Integer.toUnsignedLong(b.getInt(at + 22));
                        }
                    }
                }
                case 5 -> {
                    if (documented(length, 12, code)) {
                        State s = apply(segment, id);
                        if (s != null) {
                            s.oi = Integer.toUnsignedLong(b.getInt(at + 8));
                        }
                    }
                }
                case 6 -> {
                    if (documented(length, 16, code)) {
                        State s = apply(segment, id);
                        if (s != null) {
                            s.prevClose = b.getFloat(at + 8);
                            s.prevOi = Integer.toUnsignedLong(b.getInt(at + 12));
                        }
                    }
                }
                case 8 -> {
                    if (documented(length, 162, code)) {
                        State s = apply(segment, id);
                        if (s != null) {
                            s.ltp = b.getFloat(at + 8);
                            s.lastTradeTime = Integer.toUnsignedLong(b.getInt(at + 14));
                            s.volume = Integer.toUnsignedLong(b.getInt(at + 22));
                            s.oi = Integer.toUnsignedLong(b.getInt(at + 34));
                            s.bidQty = Integer.toUnsignedLong(b.getInt(at + 62));
                            s.askQty = Integer.toUnsignedLong(b.getInt(at + 66));
                            s.bid = b.getFloat(at + 74);
                            s.ask = b.getFloat(at + 78);
                        }
                    }
                }
                case 50 -> {
                    if (documented(length, 10, code)) {
                        disconnect = Short.toUnsignedInt(b.getShort(at + 8));
                    }
                }
                // Index (1), v1 depth (3) and market status (7) carry nothing livechain applies: counted, any length.
                case 1, 3, 7 -> outcome.packets[code]++;
                default -> malformed(Malformed.UNKNOWN_CODE);
            }
            at += length;
        }
        if (disconnect != PacketDecoder.NO_DISCONNECT) {
            outcome.lastDisconnect = disconnect;
        }
        return disconnect;
    }

    private boolean documented(int length, int expected, int code) {
        if (length != expected) {
            malformed(Malformed.LENGTH_MISMATCH);
            return false;
        }
        outcome.packets[code]++;
        return true;
    }

    private State apply(int segment, long id) {
        long key = key(segment, id);
        if (!known.contains(key)) {
            outcome.unknown++;
            return null;
        }
        outcome.applied++;
        return outcome.states.computeIfAbsent(key, k -> new State());
    }

    private void malformed(Malformed reason) {
        outcome.malformed.merge(reason, 1L, Long::sum);
    }
}
