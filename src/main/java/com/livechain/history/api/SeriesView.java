package com.livechain.history.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /options/series} without {@code strike}: the expiry's recorded figures, the contract's shape. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"source", "underlying", "expiry", "interval", "points"})
public record SeriesView(String source, String underlying, String expiry, String interval, List<Point> points) {

    /** One interval: {@code t} is its start, ISO-8601 in IST. IV in percent; {@code null} when not known. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Point(String t, Double spot, Double forward, Number atmStrike, Double atmIv, Double straddle,
                        Double pcr, Number maxPain, Long totalCeOi, Long totalPeOi) {
    }
}
