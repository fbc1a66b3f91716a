package com.livechain.analytics;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code livechain.analytics.*}.
 *
 * @param rate the continuously compounded rate used to discount in Black-76; 10% by default, the rate
 *             NSE states for the IVs on its own option chain, so our IVs compare with NSE's
 */
@ConfigurationProperties("livechain.analytics")
@Validated
public record AnalyticsProperties(
        @DecimalMin(value = "0.0", message = "must be a rate between 0 and 0.5, such as 0.10")
        @DecimalMax(value = "0.5", message = "must be a rate between 0 and 0.5, such as 0.10")
        @DefaultValue("0.10") double rate) {
}
