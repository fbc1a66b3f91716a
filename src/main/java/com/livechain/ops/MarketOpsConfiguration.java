package com.livechain.ops;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import com.livechain.chain.ChainCache;
import com.livechain.chain.Underlying;
import com.livechain.market.ExchangeCalendar;
import com.livechain.market.ListedExpiryCheck;
import com.livechain.universe.ChainReadyEvent;

/** What an operator sees of the exchange calendar: the {@code market} health contributor and meters. */
@Configuration(proxyBeanMethods = false)
class MarketOpsConfiguration {

    @Bean
    ListedExpiryCheck listedExpiryCheck(ExchangeCalendar calendar) {
        return new ListedExpiryCheck(calendar);
    }

    @Bean
    MarketMetrics marketMetrics(ExchangeCalendar calendar, ListedExpiryCheck expiries, Clock clock) {
        return new MarketMetrics(calendar, expiries, clock);
    }

    @Bean
    MarketHealthIndicator marketHealthIndicator(ExchangeCalendar calendar, Clock clock) {
        return new MarketHealthIndicator(calendar, clock);
    }

    @Bean
    ExpiryListChecker expiryListChecker(ChainCache cache, ListedExpiryCheck check) {
        return new ExpiryListChecker(cache, check);
    }

    /** Checks every loaded chain's expiries once the loader has filled the cache (and again after each reload). */
    static final class ExpiryListChecker {

        private final ChainCache cache;
        private final ListedExpiryCheck check;

        ExpiryListChecker(ChainCache cache, ListedExpiryCheck check) {
            this.cache = cache;
            this.check = check;
        }

        @EventListener
        void onChainReady(ChainReadyEvent event) {
            for (Underlying underlying : cache.underlyings()) {
                check.check(underlying.symbol(), cache.expiries(underlying.symbol()));
            }
        }
    }
}
