package com.livechain.dhan;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dhan endpoints ({@code livechain.dhan.*}). The client id and access token are deliberately not
 * bound here: they are read by the credentials package so that no properties object, and so no
 * {@code toString()} or actuator {@code configprops} dump, ever holds the token.
 *
 * @param restUrl        Dhan's REST base (API v2); the option-chain calls are made under it
 * @param feedUrl        Dhan's live market feed; the client adds the version, token and client id as the query
 * @param instrumentsUrl the scrip master CSV (detailed), read at start-up without credentials
 */
@ConfigurationProperties("livechain.dhan")
@Validated
public record DhanProperties(
        @NotNull @DefaultValue("https://api.dhan.co/v2") URI restUrl,
        @NotNull @DefaultValue("wss://api-feed.dhan.co") URI feedUrl,
        @NotNull @DefaultValue("https://images.dhan.co/api-data/api-scrip-master-detailed.csv") URI instrumentsUrl) {
}
