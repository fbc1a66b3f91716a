package com.livechain.dhan.feed;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.livechain.market.Freshness;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.DhanAccess;

/**
 * The live feed's beans. Both are {@code MeterBinder}s, which Spring Boot binds to the registry.
 * The client connects when the loader publishes {@code ChainReadyEvent} and says goodbye to Dhan
 * when the context closes ({@link FeedClient#close()} is inferred as the destroy method).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedProperties.class)
public class FeedConfiguration {

    @Bean
    public FeedMetrics feedMetrics() {
        return new FeedMetrics();
    }

    @Bean
    public FeedClient feedClient(FeedProperties properties, DhanAccess access, TickApplier applier,
                                 Freshness freshness, FeedMetrics feedMetrics, Clock clock) {
        return new FeedClient(properties, access, applier, freshness, feedMetrics, clock);
    }
}
