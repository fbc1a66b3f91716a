package com.livechain.simulator.feed;

import com.livechain.simulator.market.SimInstrument;
import com.livechain.simulator.market.SimulatedMarket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.livechain.chain.ExchangeSegment;

/**
 * Dhan live-feed response packets (protocol §3.4, §3.5), written field by field at their documented offsets.
 * Every packet starts with the 8-byte little-endian header: response code (uint8), message length including
 * the header (int16), exchange segment code (uint8), security id (int32). Callers pass a buffer in
 * {@link ByteOrder#LITTLE_ENDIAN} order with room for the packet; each method advances its position.
 */
final class PacketWriter {

    static final int TICKER = 2;
    static final int QUOTE = 4;
    static final int OI = 5;
    static final int PREV_CLOSE = 6;
    static final int MARKET_STATUS = 7;
    static final int FULL = 8;
    static final int DISCONNECT = 50;

    static final int TICKER_LENGTH = 16;
    static final int QUOTE_LENGTH = 50;
    static final int OI_LENGTH = 12;
    static final int PREV_CLOSE_LENGTH = 16;
    static final int MARKET_STATUS_LENGTH = 8;
    static final int FULL_LENGTH = 162;
    static final int DISCONNECT_LENGTH = 10;

    private PacketWriter() {
    }

    static void header(ByteBuffer buf, int code, int length, int segment, long securityId) {
        buf.put((byte) code);
        buf.putShort((short) length);
        buf.put((byte) segment);
        buf.putInt((int) securityId);
    }

    /** Ticker (2): 8 float32 LTP, 12 int32 LTT. */
    static void ticker(ByteBuffer buf, SimInstrument s) {
        header(buf, TICKER, TICKER_LENGTH, s.segment.code(), s.securityId);
        buf.putFloat((float) s.ltp);
        buf.putInt(SimulatedMarket.feedTime(s.ltt));
    }

    /** Prev close (6): 8 float32 previous close, 12 int32 previous OI. */
    static void prevClose(ByteBuffer buf, SimInstrument s) {
        header(buf, PREV_CLOSE, PREV_CLOSE_LENGTH, s.segment.code(), s.securityId);
        buf.putFloat((float) s.prevClose);
        buf.putInt(int32(s.prevOi));
    }

    /** OI (5): 8 int32 open interest. */
    static void oi(ByteBuffer buf, SimInstrument s) {
        header(buf, OI, OI_LENGTH, s.segment.code(), s.securityId);
        buf.putInt(int32(s.oi));
    }

    /**
     * Quote (4): 8 LTP, 12 int16 LTQ, 14 LTT, 18 ATP, 22 volume, 26 total sell qty, 30 total buy qty, 34 open,
     * 38 close (0 until after the close), 42 high, 46 low.
     */
    static void quote(ByteBuffer buf, SimInstrument s) {
        header(buf, QUOTE, QUOTE_LENGTH, s.segment.code(), s.securityId);
        tradeFields(buf, s);
        buf.putFloat((float) s.open);
        buf.putFloat(0f);
        buf.putFloat((float) s.high);
        buf.putFloat((float) s.low);
    }

    /**
     * Full (8): the quote's trade fields, 34 OI, 38 OI day high, 42 OI day low (both NSE_FNO only), 46 open,
     * 50 close, 54 high, 58 low, then five 20-byte depth levels from 62: bid qty, ask qty (int32), bid orders,
     * ask orders (int16), bid price, ask price (float32).
     */
    static void full(ByteBuffer buf, SimInstrument s) {
        header(buf, FULL, FULL_LENGTH, s.segment.code(), s.securityId);
        tradeFields(buf, s);
        buf.putInt(int32(s.oi));
        boolean nseFno = s.segment == ExchangeSegment.NSE_FNO;
        buf.putInt(nseFno ? int32(s.oiDayHigh) : 0);
        buf.putInt(nseFno ? int32(s.oiDayLow) : 0);
        buf.putFloat((float) s.open);
        buf.putFloat(0f);
        buf.putFloat((float) s.high);
        buf.putFloat((float) s.low);
        for (int level = 0; level < SimInstrument.DEPTH; level++) {
            buf.putInt(s.bidQty[level]);
            buf.putInt(s.askQty[level]);
            buf.putShort((short) Math.min(Short.MAX_VALUE, s.bidOrders[level]));
            buf.putShort((short) Math.min(Short.MAX_VALUE, s.askOrders[level]));
            buf.putFloat((float) s.bidPrice[level]);
            buf.putFloat((float) s.askPrice[level]);
        }
    }

    /** Market status (7): the header alone (DhanHQ-py reads nothing more; segment and id are not meaningful). */
    static void marketStatus(ByteBuffer buf) {
        header(buf, MARKET_STATUS, MARKET_STATUS_LENGTH, 0, 0);
    }

    /** Feed disconnect (50): 8 int16 reason code (805 too many connections, 807 token expired, ...). */
    static void disconnect(ByteBuffer buf, int reason) {
        header(buf, DISCONNECT, DISCONNECT_LENGTH, 0, 0);
        buf.putShort((short) reason);
    }

    static ByteBuffer disconnect(int reason) {
        ByteBuffer buf = ByteBuffer.allocate(DISCONNECT_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        disconnect(buf, reason);
        return buf.flip();
    }

    private static void tradeFields(ByteBuffer buf, SimInstrument s) {
        buf.putFloat((float) s.ltp);
        buf.putShort((short) Math.min(Short.MAX_VALUE, s.ltq));
        buf.putInt(SimulatedMarket.feedTime(s.ltt));
        buf.putFloat((float) s.atp);
        buf.putInt(int32(s.volume));
        buf.putInt(int32(s.totalSellQty));
        buf.putInt(int32(s.totalBuyQty));
    }

    /** Dhan's fields are int32 (DhanHQ-py reads them unsigned); saturate so both readings agree. */
    private static int int32(long value) {
        return (int) Math.max(0, Math.min(value, Integer.MAX_VALUE));
    }
}
