package com.livechain.dhan.rest;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the chart-data client paces its calls ({@code livechain.dhan.charts.*}).
 *
 * @param interval the least time between two calls to {@code /v2/charts/*}. Dhan's Data APIs allow 5 requests a
 *                 second (protocol §1.4, §7.4; six unpaced calls were seen to draw DH-904); 500 ms keeps the
 *                 history calls at 2 a second, leaving room for the option-chain calls that share the Data-API
 *                 budget. A backfill is a background job: going slower costs nothing a user waits for.
 */
@ConfigurationProperties("livechain.dhan.charts")
@Validated
public record DhanChartsProperties(
        @NotNull @DurationMin(millis = 0) @DefaultValue("500ms") Duration interval) {

    public static DhanChartsProperties defaults() {
        return new DhanChartsProperties(Duration.ofMillis(500));
    }
}
