package com.livechain.config;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.livechain.chain.ChainCache;
import com.livechain.universe.ChainLoader;
import com.livechain.market.ExchangeCalendar;
import com.livechain.market.Freshness;
import com.livechain.universe.MarketDataSource;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.DhanAccess;
import com.livechain.market.ExchangeCalendar;
import com.livechain.universe.DailyReload;
import com.livechain.universe.DailyReloadRunner;
import com.livechain.universe.UniverseReloader;

/** Wires the chain feature, which itself knows nothing of Spring beyond the start-up runner contract. */
@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Freshness freshness(Clock clock, LivechainProperties properties, ExchangeCalendar calendar) {
        return new Freshness(clock, properties.staleAfter(), calendar);
    }

    @Bean
    ChainCache chainCache(Clock clock) {
        return new ChainCache(clock);
    }

    @Bean
    TickApplier tickApplier(ChainCache cache, Clock clock) {
        return new TickApplier(cache::index, clock);
    }

    @Bean
    ChainLoader chainLoader(MarketDataSource source, DhanAccess access, LivechainProperties properties,
                            ChainCache cache, ApplicationEventPublisher events, Clock clock) {
        ChainLoader loader = new ChainLoader(source, access.source(), properties.underlyings(), cache, events, clock);
        // Start the instrument-list download now, while the web server and the rest of the context are
        // created; the runner waits for it. Dhan's source is ready here: this bean depends on it.
        loader.prefetch();
        return loader;
    }

    @Bean
    UniverseReloader universeReloader(MarketDataSource source, LivechainProperties properties, ChainCache cache,
                                      ApplicationEventPublisher events, Clock clock) {
        return new UniverseReloader(source, properties.underlyings(), cache, events, clock);
    }

    @Bean
    DailyReload dailyReload(Clock clock, LivechainProperties properties, ExchangeCalendar calendar) {
        return new DailyReload(clock, properties.reloadAt(), calendar::isTradingDay);
    }

    @Bean
    DailyReloadRunner dailyReloadRunner(DailyReload schedule, UniverseReloader reloader) {
        return new DailyReloadRunner(schedule, reloader);
    }
}
