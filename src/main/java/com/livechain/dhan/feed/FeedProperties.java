package com.livechain.dhan.feed;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live-feed settings ({@code livechain.feed.*}). The limits default to Dhan's (protocol §3.3): 100
 * instruments a subscription message, 5000 a connection, 5 connections a user; they may be set
 * lower, never higher.
 *
 * @param stallAfter     no binary frame for this long on a subscribed connection, while watched, is a stall: reconnect
 * @param stallWatch     when the stall watchdog runs
 * @param reconnectMin   first backoff step after a lost connection (full jitter: the delay is uniform in [0, step])
 * @param reconnectMax   backoff cap; also the floor of the longer backoff after Dhan's 805 (too many connections)
 * @param authRetry      fixed delay between attempts while Dhan rejects the credentials (807-810, HTTP 401/403) or the
 *                       account lacks Data APIs (806); each attempt reads the credentials again
 * @param pingInterval   OkHttp's client ping: a peer that does not answer within one interval is dead
 * @param closeTimeout   a socket we close is cancelled after this long if the close handshake has not finished
 * @param maxInstrumentsPerMessage    instruments in one subscription message (Dhan: at most 100)
 * @param maxInstrumentsPerConnection instruments on one feed connection (Dhan: at most 5000)
 * @param maxConnections              feed connections opened at once (Dhan: at most 5 a user)
 */
@ConfigurationProperties("livechain.feed")
@Validated
public record FeedProperties(
        @NotNull @DurationMin(millis = 100) @DefaultValue("20s") Duration stallAfter,
        @NotNull @DefaultValue("market-hours") StallWatch stallWatch,
        @NotNull @DurationMin(millis = 10) @DefaultValue("1s") Duration reconnectMin,
        @NotNull @DurationMin(millis = 10) @DefaultValue("30s") Duration reconnectMax,
        @NotNull @DurationMin(millis = 10) @DefaultValue("60s") Duration authRetry,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration pingInterval,
        @NotNull @DurationMin(millis = 10) @DefaultValue("3s") Duration closeTimeout,
        @Min(1) @Max(100) @DefaultValue("100") int maxInstrumentsPerMessage,
        @Min(1) @Max(5000) @DefaultValue("5000") int maxInstrumentsPerConnection,
        @Min(1) @Max(5) @DefaultValue("5") int maxConnections) {

    public FeedProperties {
        if (reconnectMin != null && reconnectMax != null && reconnectMin.compareTo(reconnectMax) > 0) {
            throw new IllegalArgumentException("livechain.feed.reconnect-min (" + reconnectMin
                    + ") must not exceed livechain.feed.reconnect-max (" + reconnectMax + ")");
        }
    }

    /** The defaults, as Spring binds them when nothing is set. */
    public static FeedProperties defaults() {
        return new FeedProperties(Duration.ofSeconds(20), StallWatch.MARKET_HOURS, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(3),
                100, 5000, 5);
    }

    /** When the data-stall watchdog runs. */
    public enum StallWatch {
        /**
         * Only while NSE/BSE derivatives trade (by the {@code ExchangeCalendar}): outside them, holidays
         * included, Dhan may rightly send nothing.
         */
        MARKET_HOURS,
        /** Always: for the simulator, which ticks at any hour. */
        ALWAYS
    }
}
