package com.livechain.dhan.feed;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.livechain.chain.ExchangeSegment;

/**
 * Random and mutated feed frames for the decoder fuzzer, from a {@link SplittableRandom} (fast and
 * reproducible from a seed; jqwik's generators would spend more than the decoder on a million frames).
 * Valid packets come from {@link ProtocolPackets}, so they follow the protocol table field by field; the
 * mutations are the damage a feed can do: a cut, a lying length field, an unknown code, garbage after or
 * between packets, flipped bits, header-only packets.
 */
final class FuzzFrames {

    /** How a frame was made; the fuzz report counts frames by kind. */
    enum Kind {
        /** Uniformly random bytes, 0-400 of them. */
        RANDOM,
        /** 1-30 valid packets back to back. */
        VALID,
        /** A valid frame cut at a random byte. */
        TRUNCATED,
        /** One packet's length field overwritten (below 8, off by one, past the end, random). */
        WRONG_LENGTH,
        /** One packet's code set to one the protocol does not define. */
        UNKNOWN_CODE,
        /** Random bytes after the last valid packet. */
        GARBAGE_AFTER,
        /** Random bytes inserted at a packet boundary or anywhere. */
        GARBAGE_BETWEEN,
        /** 1-16 random bits flipped. */
        BIT_FLIPS,
        /** Known codes with only a header, or with the documented length of another code. */
        SHORT_PACKETS
    }

    record Frame(Kind kind, byte[] bytes) {}

    /** Segments the harness's chain uses (0, 2, 8) and one it does not (1). */
    private static final int[] SEGMENTS = {0, 2, 2, 2, 8, 1};
    private static final ExchangeSegment[] SEGMENT_ENUMS = {
            ExchangeSegment.IDX_I, ExchangeSegment.NSE_FNO, ExchangeSegment.NSE_FNO, ExchangeSegment.NSE_FNO,
            ExchangeSegment.BSE_FNO, ExchangeSegment.NSE_EQ};
    private static final int[] DOCUMENTED_LENGTHS = {16, 50, 12, 16, 162, 10, 8, 112};
    private static final int[] KNOWN_CODES = {1, 2, 3, 4, 5, 6, 7, 8, 50};

    private FuzzFrames() {
    }

    static Frame any(SplittableRandom random) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return new Frame(kind, of(kind, random));
    }

    static byte[] of(Kind kind, SplittableRandom random) {
        return switch (kind) {
            case RANDOM -> randomBytes(random, random.nextInt(401));
            case VALID -> concat(validPackets(random, 1 + random.nextInt(30)));
            case TRUNCATED -> {
                byte[] frame = concat(validPackets(random, 1 + random.nextInt(10)));
                yield ProtocolPackets.cut(frame, random.nextInt(frame.length));
            }
            case WRONG_LENGTH -> wrongLength(random);
            case UNKNOWN_CODE -> unknownCode(random);
            case GARBAGE_AFTER -> concat(concat(validPackets(random, 1 + random.nextInt(10))),
                    randomBytes(random, 1 + random.nextInt(64)));
            case GARBAGE_BETWEEN -> garbageBetween(random);
            case BIT_FLIPS -> {
                byte[] frame = concat(validPackets(random, 1 + random.nextInt(10)));
                int flips = 1 + random.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield frame;
            }
            case SHORT_PACKETS -> shortPackets(random);
        };
    }

    /** {@code n} well-formed packets of every kind the protocol defines, on known and unknown instruments. */
    static List<byte[]> validPackets(SplittableRandom random, int n) {
        List<byte[]> packets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            packets.add(validPacket(random));
        }
        return packets;
    }

    static byte[] validPacket(SplittableRandom random) {
        int s = random.nextInt(SEGMENTS.length);
        ExchangeSegment segment = SEGMENT_ENUMS[s];
        // 39 998-40 009 around the chain's 40 000-40 007, and NIFTY's 13.
        long id = random.nextInt(12) == 0 ? 13 : 39_998 + random.nextInt(12);
        int pick = random.nextInt(100);
        if (pick < 30) {
            return ProtocolPackets.full(segment, id, price(random), u32(random), u32(random), u32(random),
                    price(random), u32(random), price(random), u32(random));
        } else if (pick < 50) {
            return ProtocolPackets.ticker(segment, id, price(random), u32(random));
        } else if (pick < 65) {
            return ProtocolPackets.quote(segment, id, price(random), u32(random), u32(random));
        } else if (pick < 78) {
            return ProtocolPackets.oi(segment, id, u32(random));
        } else if (pick < 90) {
            return ProtocolPackets.prevClose(segment, id, price(random), u32(random));
        } else if (pick < 94) {
            return ProtocolPackets.marketStatus();
        } else if (pick < 96) {
            // Index (1): layout undocumented, any length; v1 depth (3): 112.
            return random.nextBoolean() ? ProtocolPackets.raw(1, 8 + random.nextInt(60), 0, 13)
                    : ProtocolPackets.raw(3, 112, segment.code(), id);
        } else {
            return ProtocolPackets.disconnect(random.nextBoolean() ? 800 + random.nextInt(15) : random.nextInt(65_536));
        }
    }

    /** Mostly plausible prices, sometimes the values a float can hold that no price should be. */
    private static float price(SplittableRandom random) {
        return switch (random.nextInt(20)) {
            case 0 -> Float.NaN;
            case 1 -> random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            case 2 -> random.nextBoolean() ? 0f : -0f;
            case 3 -> Float.intBitsToFloat(random.nextInt());
            case 4 -> -random.nextInt(1_000_000) / 20f;
            default -> random.nextInt(5_000_000) / 20f;
        };
    }

    private static long u32(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 0xFFFF_FFFFL;
            case 2 -> 0x8000_0000L + random.nextInt(1_000);
            default -> random.nextInt(10_000_000);
        };
    }

    private static byte[] wrongLength(SplittableRandom random) {
        List<byte[]> packets = validPackets(random, 1 + random.nextInt(10));
        byte[] frame = concat(packets);
        int victim = random.nextInt(packets.size());
        int at = offsetOf(packets, victim);
        int remaining = frame.length - at;
        int actual = packets.get(victim).length;
        int length = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(8);                       // below the header itself
            case 1 -> actual + 1;
            case 2 -> actual - 1;
            case 3 -> remaining + 1 + random.nextInt(1_000);   // past the end of the frame
            case 4 -> 65_535;
            default -> random.nextInt(65_536);
        };
        frame[at + 1] = (byte) length;
        frame[at + 2] = (byte) (length >>> 8);
        return frame;
    }

    private static byte[] unknownCode(SplittableRandom random) {
        List<byte[]> packets = validPackets(random, 1 + random.nextInt(10));
        int victim = random.nextInt(packets.size());
        byte[] frame = concat(packets);
        int code;
        do {
            code = random.nextInt(256);
        } while (isKnown(code));
        frame[offsetOf(packets, victim)] = (byte) code;
        return frame;
    }

    private static byte[] garbageBetween(SplittableRandom random) {
        List<byte[]> packets = validPackets(random, 2 + random.nextInt(10));
        byte[] garbage = randomBytes(random, 1 + random.nextInt(40));
        if (random.nextBoolean()) {
            packets.add(1 + random.nextInt(packets.size() - 1), garbage);
            return concat(packets);
        }
        byte[] frame = concat(packets);
        int at = random.nextInt(frame.length + 1);
        return concat(ProtocolPackets.cut(frame, at), garbage, tail(frame, at));
    }

    private static byte[] shortPackets(SplittableRandom random) {
        List<byte[]> packets = validPackets(random, random.nextInt(5));
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            int code = KNOWN_CODES[random.nextInt(KNOWN_CODES.length)];
            int length = random.nextBoolean() ? 8 : DOCUMENTED_LENGTHS[random.nextInt(DOCUMENTED_LENGTHS.length)];
            packets.add(random.nextInt(packets.size() + 1), ProtocolPackets.raw(code, length, 2, 40_000 + random.nextInt(8)));
        }
        return concat(packets);
    }

    static boolean isKnown(int code) {
        for (int known : KNOWN_CODES) {
            if (known == code) {
                return true;
            }
        }
        return false;
    }

    static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(List<byte[]> parts) {
        return concat(parts.toArray(new byte[0][]));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tail(byte[] frame, int from) {
        byte[] out = new byte[frame.length - from];
        System.arraycopy(frame, from, out, 0, out.length);
        return out;
    }

    static int offsetOf(List<byte[]> packets, int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            at += packets.get(i).length;
        }
        return at;
    }
}
