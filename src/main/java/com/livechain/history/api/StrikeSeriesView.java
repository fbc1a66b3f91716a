package com.livechain.history.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /options/series} with {@code strike}: one strike's call and put, the contract's shape. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"source", "underlying", "expiry", "strike", "interval", "points"})
public record StrikeSeriesView(String source, String underlying, String expiry, Number strike, String interval,
                               List<Point> points) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Point(String t, Leg ce, Leg pe) {
    }

    /** A leg at one interval; IV in percent, {@code null} when not known. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Leg(Double ltp, Double bid, Double ask, Double iv, Long oi, Long volume) {
    }
}
