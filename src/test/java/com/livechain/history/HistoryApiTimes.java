package com.livechain.history;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import com.livechain.market.MarketHours;

/** How the history API writes an interval's start: ISO-8601 with the IST offset, to the second. */
final class HistoryApiTimes {

    private static final DateTimeFormatter IST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(MarketHours.IST);

    private HistoryApiTimes() {}

    static String ist(Instant t) {
        return IST.format(t);
    }
}
