package com.livechain.ops;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.livechain.chain.ChainCache;
import com.livechain.universe.ChainReadyEvent;
import com.livechain.universe.DailyReload;
import com.livechain.universe.UniverseReloader;
import com.livechain.market.Freshness;
import com.livechain.chain.TickApplier;
import com.livechain.config.LivechainProperties;
import com.livechain.credentials.renewal.TokenRenewer;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.feed.FeedClient;

/**
 * What an operator sees: the chain's meters, the {@code chain} and {@code feed} health contributors
 * that the readiness group includes ({@code application.yml}), and the timer on
 * {@code GET /options/live}. See {@code docs/operations.md}.
 */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    @Bean
    ChainMetrics chainMetrics(ChainCache cache, TickApplier applier, Clock clock) {
        return new ChainMetrics(cache, applier, clock);
    }

    @Bean
    TokenExpiryMetrics tokenExpiryMetrics(DhanAccess access, Clock clock) {
        return new TokenExpiryMetrics(access, clock);
    }

    @Bean
    TokenHealthIndicator tokenHealthIndicator(TokenRenewer renewer, Clock clock) {
        return new TokenHealthIndicator(renewer, clock);
    }

    @Bean
    FeedWatch feedWatch(Freshness freshness, Clock clock, LivechainProperties properties) {
        FeedWatch watch = new FeedWatch(freshness, clock, properties.staleAfter());
        watch.sampleEvery(Duration.ofSeconds(1));
        return watch;
    }

    @Bean
    ChainReloadMetrics chainReloadMetrics(UniverseReloader reloader) {
        return new ChainReloadMetrics(reloader);
    }

    @Bean
    ChainReloadHealthIndicator reloadHealthIndicator(UniverseReloader reloader, DailyReload schedule) {
        return new ChainReloadHealthIndicator(reloader, schedule);
    }

    @Bean
    ChainReloadEndpoint chainReloadEndpoint(UniverseReloader reloader) {
        return new ChainReloadEndpoint(reloader);
    }

    @Bean
    ChainHealthIndicator chainHealthIndicator(ChainCache cache) {
        return new ChainHealthIndicator(cache);
    }

    @Bean
    FeedHealthIndicator feedHealthIndicator(FeedWatch watch, ObjectProvider<FeedClient> feed) {
        FeedClient client = feed.getIfAvailable();
        return new FeedHealthIndicator(watch, client == null ? () -> Double.NaN : client::lastFrameAgeSeconds);
    }

    @Bean
    ChainLifecycle chainLifecycle(ChainMetrics metrics, FeedWatch watch) {
        return new ChainLifecycle(metrics, watch);
    }

    @Bean
    WebMvcConfigurer liveChainRequestTiming(MeterRegistry registry) {
        LiveChainRequestTimer timer = new LiveChainRequestTimer(registry);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry interceptors) {
                interceptors.addInterceptor(timer).addPathPatterns(LiveChainRequestTimer.PATH);
            }
        };
    }

    /** Times the start-up load and starts the feed's outage clock once the chain is in place. */
    static final class ChainLifecycle {

        private final ChainMetrics metrics;
        private final FeedWatch watch;

        ChainLifecycle(ChainMetrics metrics, FeedWatch watch) {
            this.metrics = metrics;
            this.watch = watch;
        }

        // Published after the context refresh, just before the runners: the loader is the first of them.
        @EventListener
        void onStarted(ApplicationStartedEvent event) {
            metrics.loadStarting();
        }

        @EventListener
        void onChainReady(ChainReadyEvent event) {
            metrics.chainReady();
            watch.start();
        }
    }
}
