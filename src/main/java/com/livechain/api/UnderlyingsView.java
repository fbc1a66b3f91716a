package com.livechain.api;

import java.util.List;

/** The JSON of {@code GET /options/underlyings}. */
public record UnderlyingsView(String source, List<Entry> underlyings) {

    public record Entry(String symbol, long securityId, String segment, int lotSize, Number strikeStep,
                        List<String> expiries) {
    }
}
