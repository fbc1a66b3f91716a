package com.livechain.universe;

import java.util.Objects;

/**
 * A call to the market-data source that did not give what was asked. It carries what start-up
 * must print: which call, what the other side answered, and what kind of failure it was.
 * Never carries a credential.
 */
public class MarketDataException extends RuntimeException {

    /** What went wrong, coarse enough to decide what to do next. */
    public enum Kind {
        /** Token or client id invalid or expired (HTTP 401, DH-901, feed codes 807-810). */
        AUTHENTICATION,
        /** The account may not use the API (DH-902, DH-903, feed 806). */
        ACCESS,
        /** Too many requests (DH-904, HTTP 429, feed 805): slow down and retry. */
        RATE_LIMIT,
        /** The other side is down, answered 5xx, or could not be reached: retry later. */
        UNAVAILABLE,
        /** The answer arrived but was not what the protocol says. */
        BAD_RESPONSE
    }

    private final String call;
    private final String answer;
    private final Kind kind;

    public MarketDataException(String call, String answer, Kind kind) {
        this(call, answer, kind, null);
    }

    public MarketDataException(String call, String answer, Kind kind, Throwable cause) {
        super(call + " answered " + answer, cause);
        this.call = Objects.requireNonNull(call, "call");
        this.answer = Objects.requireNonNull(answer, "answer");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The call, e.g. {@code POST /v2/optionchain/expirylist}. */
    public String call() {
        return call;
    }

    /** What came back, e.g. {@code 401 DH-901 (access token invalid or expired)}. */
    public String answer() {
        return answer;
    }

    public Kind kind() {
        return kind;
    }
}
