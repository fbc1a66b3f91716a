package com.livechain.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.io.NumberOutput;

import com.livechain.analytics.BuildUp;
import com.livechain.chain.LegSnapshot;

/**
 * The elements of a chain body's {@code strikes} array, written as bytes by hand: nine tenths of the body and
 * nothing in it to escape (numbers, {@code null}, booleans, timestamps of digits and punctuation), so it needs
 * none of a generator's per-value work (the context check before each name and value, the number text built as
 * chars and copied as bytes), which was a quarter of a render. The bytes are those {@link ChainView.StrikeView}'s
 * records give through Jackson: the same names in the same order, {@code null} where the records hold null,
 * doubles as {@code NumberOutput} writes them for the generator (Schubfach or {@code Double.toString}, as the
 * generator is configured), rounded values from their digits ({@link RoundedDecimals}) when that is the same
 * text. {@code ChainJsonWriterTest} compares the two.
 */
final class StrikesJson {

    private static final byte[] STRIKE = ascii("{\"strike\":");
    private static final byte[] CE = ascii(",\"ce\":");
    private static final byte[] PE = ascii(",\"pe\":");
    private static final byte[] SECURITY_ID = ascii("{\"securityId\":");
    private static final byte[] LTP = ascii(",\"ltp\":");
    private static final byte[] BID = ascii(",\"bid\":");
    private static final byte[] ASK = ascii(",\"ask\":");
    private static final byte[] BID_QTY = ascii(",\"bidQty\":");
    private static final byte[] ASK_QTY = ascii(",\"askQty\":");
    private static final byte[] VOLUME = ascii(",\"volume\":");
    private static final byte[] OI = ascii(",\"oi\":");
    private static final byte[] OI_CHANGE = ascii(",\"oiChange\":");
    private static final byte[] PREV_CLOSE = ascii(",\"prevClose\":");
    private static final byte[] IV = ascii(",\"iv\":");
    private static final byte[] DELTA = ascii(",\"delta\":");
    private static final byte[] GAMMA = ascii(",\"gamma\":");
    private static final byte[] THETA = ascii(",\"theta\":");
    private static final byte[] VEGA = ascii(",\"vega\":");
    private static final byte[] UPDATED_AT = ascii(",\"updatedAt\":");
    private static final byte[] STALE = ascii(",\"stale\":");
    private static final byte[] BUILD_UP = ascii(",\"buildUp\":");
    /** The build-up values, quoted, by ordinal: written without a String per leg. */
    private static final byte[][] BUILD_UPS = Arrays.stream(BuildUp.values())
            .map(b -> ascii('"' + b.name() + '"')).toArray(byte[][]::new);
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    /** More than the longest leg object: 18 names and values of at most 32 bytes each. */
    private static final int LEG_ROOM = 1024;

    private final boolean shortestDoubles;
    private byte[] bytes;
    private int at;

    /**
     * @param shortestDoubles whether doubles are written as Java 19+ writes them (Jackson's
     *                        {@code USE_FAST_DOUBLE_WRITER}), else as Java 17's {@code Double.toString}
     */
    StrikesJson(boolean shortestDoubles, int capacity) {
        this.shortestDoubles = shortestDoubles;
        this.bytes = new byte[Math.max(LEG_ROOM, capacity)];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return at;
    }

    /** The strikes of {@code r}'s window, comma-separated, without the brackets. */
    void write(ChainViews.Reading r) {
        for (int i = r.from; i < r.to; i++) {
            room(3 * LEG_ROOM);
            if (i > r.from) {
                bytes[at++] = ',';
            }
            put(STRIKE);
            number(r.priced.strike(i));
            put(CE);
            leg(r, i, true);
            put(PE);
            leg(r, i, false);
            bytes[at++] = '}';
        }
    }

    private void leg(ChainViews.Reading r, int strike, boolean call) {
        LegSnapshot s = call ? r.ce[strike] : r.pe[strike];
        if (s == null) {
            put(NULL);
            return;
        }
        put(SECURITY_ID);
        at = NumberOutput.outputLong(s.securityId(), bytes, at);
        put(LTP);
        price(s.ltp());
        put(BID);
        price(s.bid());
        put(ASK);
        price(s.ask());
        put(BID_QTY);
        quantity(s.bidQty());
        put(ASK_QTY);
        quantity(s.askQty());
        put(VOLUME);
        quantity(s.volume());
        put(OI);
        quantity(s.oi());
        put(OI_CHANGE);
        long oiChange = s.oiChange();
        if (oiChange == Long.MIN_VALUE) {
            put(NULL);
        } else {
            at = NumberOutput.outputLong(oiChange, bytes, at);
        }
        put(PREV_CLOSE);
        price(s.prevClose());
        LegPricings.Priced p = r.analytics(strike, call);
        boolean priced = p.priced();
        put(IV);
        finite(priced, p.iv() * 100, 2);
        put(DELTA);
        finite(priced, p.delta(), 4);
        put(GAMMA);
        finite(priced, p.gamma(), 6);
        put(THETA);
        finite(priced, p.theta(), 2);
        put(VEGA);
        finite(priced, p.vega(), 2);
        put(UPDATED_AT);
        time(s.updatedAtMillis());
        put(STALE);
        put(r.stale(s.updatedAtMillis()) ? TRUE : FALSE);
        put(BUILD_UP);
        BuildUp buildUp = ChainViews.buildUp(s);
        put(buildUp == null ? NULL : BUILD_UPS[buildUp.ordinal()]);
        bytes[at++] = '}';
    }

    /** {@link ChainViews#price}: paise, or null for "no price". */
    private void price(double value) {
        if (ChainViews.isPrice(value)) {
            rounded(value, 2);
        } else {
            put(NULL);
        }
    }

    /** {@link ChainViews#finite}: rounded, or null when not computed or not finite. */
    private void finite(boolean computed, double value, int decimals) {
        if (computed && Double.isFinite(value)) {
            rounded(value, decimals);
        } else {
            put(NULL);
        }
    }

    /** {@link ChainViews#quantity}: null below zero (never received). */
    private void quantity(long value) {
        if (value < 0) {
            put(NULL);
        } else {
            at = NumberOutput.outputLong(value, bytes, at);
        }
    }

    /** {@code round(value, decimals)} as the generator writes that double. */
    private void rounded(double value, int decimals) {
        int end = shortestDoubles ? RoundedDecimals.write(value, decimals, bytes, at) : -1;
        if (end >= 0) {
            at = end;
        } else {
            put(ascii(NumberOutput.toString(ChainViews.round(value, decimals), shortestDoubles)));
        }
    }

    /** A {@link ChainViews#number}: a {@code Long} as an integer, a {@code Double} as the generator writes it. */
    private void number(Number value) {
        if (value instanceof Long whole) {
            at = NumberOutput.outputLong(whole, bytes, at);
        } else {
            put(ascii(NumberOutput.toString(value.doubleValue(), shortestDoubles)));
        }
    }

    /** {@link ChainViews#time}: the IST timestamp in quotes, or null before the first update. */
    private void time(long epochMillis) {
        if (epochMillis <= 0) {
            put(NULL);
            return;
        }
        bytes[at++] = '"';
        if (IstTimestamps.write(epochMillis, bytes, at)) {
            at += IstTimestamps.LENGTH;
        } else {
            // Digits and punctuation only: nothing to escape.
            put(ascii(IstTimestamps.format(epochMillis)));
        }
        bytes[at++] = '"';
    }

    private void put(byte[] token) {
        System.arraycopy(token, 0, bytes, at, token.length);
        at += token.length;
    }

    private void room(int n) {
        if (at + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, at + n));
        }
    }
}
