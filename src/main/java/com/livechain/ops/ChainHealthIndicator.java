package com.livechain.ops;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import com.livechain.chain.ChainCache;
import com.livechain.chain.Underlying;

/**
 * The {@code chain} health contributor: DOWN until the start-up loader has installed the chains, so
 * the readiness probe keeps traffic away while {@code /options/live} could only answer 503. It is
 * also DOWN if every held expiry has closed and nothing is left to serve.
 */
public final class ChainHealthIndicator implements HealthIndicator {

    private final ChainCache cache;

    public ChainHealthIndicator(ChainCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Health health() {
        if (!cache.isReady()) {
            return Health.down()
                    .withDetail("state", cache.source().isPresent() ? "no live expiry left" : "loading")
                    .withDetail("detail", cache.source().isPresent()
                            ? "Every held expiry has closed; new contracts load at the next daily reload (livechain.reload-at) or on POST /actuator/chainreload."
                            : "The start-up load has not filled the chain cache yet.")
                    .build();
        }
        return Health.up()
                .withDetail("source", cache.source().map(Enum::name).orElse("unknown"))
                .withDetail("underlyings", cache.underlyings().stream().map(Underlying::symbol).toList())
                .withDetail("expiries", cache.chainCount())
                .withDetail("legs", cache.legCount())
                .build();
    }
}
