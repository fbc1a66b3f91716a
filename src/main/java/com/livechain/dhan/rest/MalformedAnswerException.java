package com.livechain.dhan.rest;

import com.livechain.universe.MarketDataException;

/**
 * A successful-looking answer (2xx) that is not what the protocol says: not JSON, or not the documented shape.
 * Thrown as a {@link MarketDataException} of kind {@link Kind#BAD_RESPONSE}; its own type only lets the client
 * count these apart from the errors Dhan itself reports.
 */
final class MalformedAnswerException extends MarketDataException {

    MalformedAnswerException(String call, String answer) {
        super(call, answer, Kind.BAD_RESPONSE);
    }
}
