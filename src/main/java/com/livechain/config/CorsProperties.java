package com.livechain.config;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Frontends served from an origin of their own ({@code livechain.cors.*}, {@code shared/contract.md}), such
 * as a dev server on {@code http://localhost:5173}. Origins are listed one by one: {@code *} is refused,
 * because a browser on the trader's own machine is a loopback client, and {@code /portfolio*} answers
 * loopback clients without a key, so "any origin" would let every web page the trader opens read the account.
 *
 * @param allowedOrigins origins (scheme://host[:port], comma-separated, e.g. http://localhost:5173) of frontends
 *                       served elsewhere that may call /options/**, /portfolio* and /strategy* and open /ws/options;
 *                       none = same origin only
 */
@ConfigurationProperties("livechain.cors")
@Validated
public record CorsProperties(
        @NotNull @DefaultValue({})
        List<@NotNull @Pattern(regexp = CorsProperties.ORIGIN, message = "must be an origin such as"
                + " http://localhost:5173: http or https, a host and an optional port, no path;"
                + " list each frontend's origin ('*' is not accepted)") String> allowedOrigins) {

    /** What a browser sends as {@code Origin}: scheme, host (a name, IPv4 or [IPv6]) and an optional port. */
    static final String ORIGIN = "https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?/?";

    public CorsProperties {
        if (allowedOrigins != null) {
            allowedOrigins = allowedOrigins.stream().map(o -> o == null ? null : o.strip()).toList();
        }
    }
}
