package com.livechain.dhan.feed;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.livechain.market.Freshness;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.DhanHttp;
import com.livechain.dhan.DhanHttpConfiguration;

/**
 * The live feed's beans. Both are {@code MeterBinder}s, which Spring Boot binds to the registry.
 * The client connects when the loader publishes {@code ChainReadyEvent} and says goodbye to Dhan
 * when the context closes ({@link FeedClient#close()} is inferred as the destroy method). Its sockets
 * use the application's shared Dhan client ({@link DhanHttp}): one connection pool and dispatcher
 * with the REST calls.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedProperties.class)
@Import(DhanHttpConfiguration.class)
public class FeedConfiguration {

    @Bean
    public FeedMetrics feedMetrics() {
        return new FeedMetrics();
    }

    @Bean
    public FeedClient feedClient(FeedProperties properties, DhanAccess access, TickApplier applier,
                                 Freshness freshness, FeedMetrics feedMetrics, Clock clock, DhanHttp http) {
        return new FeedClient(properties, access, applier, freshness, feedMetrics, clock, http.webSocketClient());
    }
}
