package com.livechain.api.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.config.CorsProperties;
import com.livechain.market.Freshness;
import com.livechain.api.ChainRequestResolver;
import com.livechain.api.ChainViews;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Browser push: {@code /ws/options}, plain JSON text frames (no STOMP, no SockJS: every browser has WebSocket). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class PushConfiguration {

    @Bean
    PushBroadcaster pushBroadcaster(ChainCache cache, Freshness freshness, AnalyticsProperties analytics, JsonMapper json,
                                    PushProperties properties, MeterRegistry meters) {
        return new PushBroadcaster(cache, freshness, new ChainViews(freshness, analytics.rate()), json, properties, meters);
    }

    @Bean
    PushHandler pushHandler(ChainCache cache, PushBroadcaster broadcaster, JsonMapper json) {
        return new PushHandler(new ChainRequestResolver(cache), broadcaster, json);
    }

    @Bean
    WebSocketConfigurer pushEndpoint(PushHandler handler, PushProperties properties, CorsProperties cors) {
        // Without allowed origins Spring accepts same-origin browsers (and clients that send no Origin); the list is
        // livechain.cors.allowed-origins, the one that opens the REST paths too.
        return registry -> registry.addHandler(handler, "/ws/options")
                .setHandshakeHandler(new PushHandshakeHandler(properties.compression()))
                .setAllowedOrigins(cors.allowedOrigins().toArray(String[]::new));
    }
}
