package com.livechain.chain;

/**
 * Dhan's exchange segments. The numeric code is the byte Dhan puts at offset 3 of every live-feed
 * packet header (Dhan v2 annexure, "Exchange Segment"); the name is what REST bodies and
 * subscription messages carry. There is no code 6.
 */
public enum ExchangeSegment {
    IDX_I(0),
    NSE_EQ(1),
    NSE_FNO(2),
    NSE_CURRENCY(3),
    BSE_EQ(4),
    MCX_COMM(5),
    BSE_CURRENCY(7),
    BSE_FNO(8);

    private static final ExchangeSegment[] BY_CODE = new ExchangeSegment[9];

    static {
        for (ExchangeSegment segment : values()) {
            BY_CODE[segment.code] = segment;
        }
    }

    private final int code;

    ExchangeSegment(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The segment for a feed header byte, or {@code null} for a code Dhan does not define. Allocation-free. */
    public static ExchangeSegment fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
