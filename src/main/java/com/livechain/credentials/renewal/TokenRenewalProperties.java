package com.livechain.credentials.renewal;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the app keeps its Dhan token alive ({@code livechain.dhan.*}, beside the endpoints of
 * {@code DhanProperties}).
 *
 * @param renewBefore how long before the token's {@code exp} it is replaced: renewed through RenewToken (a web
 *                    token) or generated afresh from the stored PIN and TOTP secret; {@code 0} turns both off
 * @param authUrl     Dhan's auth host, where {@code /app/generateAccessToken} lives (protocol §6.1)
 */
@ConfigurationProperties("livechain.dhan")
@Validated
public record TokenRenewalProperties(
        @NotNull @DurationMin(seconds = 0) @DefaultValue("2h") Duration renewBefore,
        @NotNull @DefaultValue("https://auth.dhan.co") URI authUrl) {
}
