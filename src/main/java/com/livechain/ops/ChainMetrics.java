package com.livechain.ops;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import com.livechain.chain.ChainCache;
import com.livechain.chain.TickApplier;
import com.livechain.chain.Underlying;

/**
 * The chain's meters. Everything is read from the chain when Prometheus scrapes, through function
 * counters and gauges, so the tick path pays nothing for being measured.
 *
 * <p>Prometheus names: {@code livechain_ticks_applied_total}, {@code livechain_chain_ready},
 * {@code livechain_chain_underlyings}, {@code livechain_chain_expiries}, {@code livechain_chain_legs},
 * {@code livechain_last_tick_age_seconds{underlying}}, {@code livechain_chain_load_duration_seconds}.
 * No tag carries anything but an index symbol.
 */
public final class ChainMetrics implements MeterBinder {

    private static final long NOT_LOADED = -1;

    private final ChainCache cache;
    private final TickApplier applier;
    private final Clock clock;
    private final AtomicLong loadStartedNanos = new AtomicLong(NOT_LOADED);
    private final AtomicLong loadNanos = new AtomicLong(NOT_LOADED);
    private volatile MeterRegistry registry;

    public ChainMetrics(ChainCache cache, TickApplier applier, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("livechain.ticks.applied", applier, TickApplier::appliedCount)
                .description("Feed packets written into a leg of the chain cache")
                .register(registry);
        Gauge.builder("livechain.chain.ready", cache, c -> c.isReady() ? 1 : 0)
                .description("1 once the chain cache holds at least one live chain")
                .register(registry);
        Gauge.builder("livechain.chain.underlyings", cache, c -> c.underlyings().size())
                .description("Underlyings whose chains are held")
                .register(registry);
        Gauge.builder("livechain.chain.expiries", cache, ChainCache::chainCount)
                .description("(underlying, expiry) chains held; falls as expiries close at 15:30 IST")
                .register(registry);
        Gauge.builder("livechain.chain.legs", cache, ChainCache::legCount)
                .description("Option legs across all held chains")
                .register(registry);
        TimeGauge.builder("livechain.chain.load.duration", loadNanos, TimeUnit.NANOSECONDS,
                        n -> n.get() == NOT_LOADED ? Double.NaN : n.get())
                .description("Time the start-up load took, from the instrument list to a ready cache")
                .register(registry);
        this.registry = registry;
        registerUnderlyings();
    }

    /** The load starts when the context is up and the runners are called; the loader is the first runner. */
    public void loadStarting() {
        loadStartedNanos.compareAndSet(NOT_LOADED, System.nanoTime());
    }

    /** The chain is ready: record the load time and add the per-underlying gauges now that the underlyings are known. */
    public void chainReady() {
        long started = loadStartedNanos.get();
        if (started != NOT_LOADED) {
            loadNanos.compareAndSet(NOT_LOADED, System.nanoTime() - started);
        }
        registerUnderlyings();
    }

    private void registerUnderlyings() {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        for (Underlying underlying : cache.underlyings()) {
            String symbol = underlying.symbol();
            // Looked up by symbol at each scrape, so a reloaded universe is measured, not the first one.
            Gauge.builder("livechain.last.tick.age", cache, c -> tickAgeSeconds(c, symbol))
                    .description("Time since the underlying's index price last updated (NaN before the first)")
                    .baseUnit("seconds")
                    .tag("underlying", symbol)
                    .register(r);
        }
    }

    private double tickAgeSeconds(ChainCache c, String symbol) {
        long updated = c.underlying(symbol).map(u -> u.spot().updatedAtMillis()).orElse(0L);
        return updated == 0 ? Double.NaN : Math.max(0, clock.millis() - updated) / 1000.0;
    }
}
