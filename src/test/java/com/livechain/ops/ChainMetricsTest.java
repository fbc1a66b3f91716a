package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;

import com.livechain.chain.ChainCache;
import com.livechain.market.Freshness;
import com.livechain.chain.TickApplier;
import com.livechain.MutableClock;

/** The chain's meters as Prometheus sees them: exact names, values read from the chain at scrape time. */
class ChainMetricsTest {

    final MutableClock clock = new MutableClock(OpsFixtures.NOW);
    final ChainCache cache = new ChainCache(clock);
    final Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
    final TickApplier applier = new TickApplier(cache::index, clock);
    final ChainMetrics metrics = new ChainMetrics(cache, applier, clock);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void beforeTheLoadTheCacheIsEmptyAndNotReady() {
        metrics.bindTo(registry);

        String scrape = registry.scrape();

        assertThat(scrape).contains("livechain_chain_ready 0.0\n", "livechain_chain_underlyings 0.0\n",
                "livechain_chain_expiries 0.0\n", "livechain_chain_legs 0.0\n", "livechain_ticks_applied_total 0.0\n",
                "livechain_chain_load_duration_seconds NaN\n");
        assertThat(scrape).doesNotContain("livechain_last_tick_age_seconds");
    }

    @Test
    void afterTheLoadTheSizesTheLoadTimeAndAGaugePerUnderlyingAppear() {
        metrics.bindTo(registry);
        metrics.loadStarting();
        OpsFixtures.installNifty(cache);
        metrics.chainReady();

        String scrape = registry.scrape();

        assertThat(scrape).contains("livechain_chain_ready 1.0\n", "livechain_chain_underlyings 1.0\n",
                "livechain_chain_expiries 2.0\n", "livechain_chain_legs " + OpsFixtures.LEGS + ".0\n",
                "livechain_last_tick_age_seconds{underlying=\"NIFTY\"} NaN\n");
        assertThat(scrape).containsPattern("livechain_chain_load_duration_seconds \\d\\.\\d+(E-\\d+)?\n");
    }

    @Test
    void ticksAppliedCountsOnlyPacketsForInstrumentsTheChainHolds() {
        metrics.bindTo(registry);
        OpsFixtures.installNifty(cache);

        applier.ticker(0, 13, 24512.35, 1_764_149_462L);
        applier.full(2, OpsFixtures.FIRST_OPTION_ID, 112.5, 1_764_149_462L, 1_200_345, 5_432_100, 112.3, 750, 112.6, 300);
        applier.openInterest(2, OpsFixtures.FIRST_OPTION_ID + 1, 6_000_000);
        applier.ticker(2, 999_999, 1.0, 1_764_149_462L);

        assertThat(registry.scrape()).contains("livechain_ticks_applied_total 3.0\n");
    }

    @Test
    void tickAgeIsTheTimeSinceTheIndexPriceLastMoved() {
        OpsFixtures.installNifty(cache);
        metrics.bindTo(registry);
        applier.ticker(0, 13, 24512.35, 1_764_149_462L);

        clock.advance(Duration.ofMillis(2500));
        assertThat(registry.scrape()).contains("livechain_last_tick_age_seconds{underlying=\"NIFTY\"} 2.5\n");

        applier.ticker(0, 13, 24513.0, 1_764_149_465L);
        assertThat(registry.scrape()).contains("livechain_last_tick_age_seconds{underlying=\"NIFTY\"} 0.0\n");
    }
}
