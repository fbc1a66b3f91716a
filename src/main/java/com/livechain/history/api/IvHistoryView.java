package com.livechain.history.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code GET /options/iv-history}: one value a trading day, newest first, with IV rank and percentile over the
 * days listed ({@code null} until there are 20).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"source", "underlying", "current", "ivRank", "ivPercentile", "days"})
public record IvHistoryView(String source, String underlying, Double current, Double ivRank, Double ivPercentile,
                            List<Day> days) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Day(String date, double atmIv, String origin) {
    }
}
