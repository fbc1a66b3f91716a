package com.livechain.dhan.rest;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the REST client paces and bounds its calls to Dhan ({@code livechain.dhan.rest.*}).
 *
 * @param optionChainInterval the least time between two option-chain or expiry-list requests; Dhan
 *                            allows one every 3 s and answers DH-904 to more (v2 docs, option chain)
 * @param timeout             connect, read and whole-call timeout of one REST request
 * @param rateLimitRetries    how often a request Dhan refused for its rate limit is tried again
 * @param rateLimitBackoff    the wait before the first such retry; the n-th waits n times this
 * @param instrumentsTimeout  whole-download timeout of the scrip master (about 100 MB), which
 *                            {@code timeout} would cut short
 */
@ConfigurationProperties("livechain.dhan.rest")
@Validated
public record DhanRestProperties(
        @NotNull @DefaultValue("3s") Duration optionChainInterval,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration timeout,
        @Min(0) @Max(10) @DefaultValue("2") int rateLimitRetries,
        @NotNull @DefaultValue("3s") Duration rateLimitBackoff,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5m") Duration instrumentsTimeout) {

    /** The defaults above, for code that builds a client without Spring. */
    public static DhanRestProperties defaults() {
        return new DhanRestProperties(Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
                Duration.ofSeconds(3), Duration.ofMinutes(5));
    }
}
