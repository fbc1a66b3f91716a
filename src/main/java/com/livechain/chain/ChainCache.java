package com.livechain.chain;

import com.livechain.market.MarketHours;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;

/**
 * The authoritative option chains, keyed by (underlying, expiry). Caffeine holds them, each entry
 * living until its expiry's 15:30 IST close: an expired chain leaves the cache on its own, on time,
 * without a sweeper of ours. The structure is installed by the start-up loader and replaced whole by each
 * reload ({@code universe.UniverseReloader}); in between the feed only writes prices into the legs' slots.
 */
public final class ChainCache {

    private final Clock clock;
    private final Cache<ChainKey, OptionChain> chains;
    private volatile Installed installed = Installed.EMPTY;

    public ChainCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chains = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.creating((ChainKey key, OptionChain chain) ->
                        Duration.between(clock.instant(), MarketHours.expiryClose(key.expiry()))))
                .scheduler(Scheduler.systemScheduler())
                .build();
    }

    private record Installed(MarketSource source, Map<String, Underlying> underlyings,
                             Map<String, List<LocalDate>> expiries, InstrumentIndex index) {
        static final Installed EMPTY = new Installed(null, Map.of(), Map.of(), InstrumentIndex.EMPTY);
    }

    /**
     * Replaces the whole universe at once, at start-up and on each reload; readers see either the old one
     * or the new one, never a mix. The new chains are in the cache before the new expiry lists name them,
     * and the chains the new universe no longer lists leave only after it is published, so a reader that
     * found an expiry in either list also finds its chain.
     */
    public void install(MarketSource source, Collection<Underlying> underlyings, Collection<OptionChain> optionChains,
                        InstrumentIndex index) {
        Map<String, Underlying> bySymbol = new LinkedHashMap<>();
        for (Underlying underlying : underlyings) {
            bySymbol.put(underlying.symbol(), underlying);
        }
        Map<String, List<LocalDate>> expiries = new LinkedHashMap<>();
        Set<ChainKey> keys = new HashSet<>();
        for (OptionChain chain : optionChains) {
            chains.put(chain.key(), chain);
            keys.add(chain.key());
            expiries.computeIfAbsent(chain.underlying().symbol(), s -> new ArrayList<>()).add(chain.expiry());
        }
        expiries.replaceAll((symbol, dates) -> dates.stream().sorted().distinct().toList());
        // Configuration order is the order users listed the underlyings in: keep it.
        installed = new Installed(source, Collections.unmodifiableMap(bySymbol), Map.copyOf(expiries), index);
        chains.asMap().keySet().retainAll(keys);
    }

    /** Every chain held, in no particular order. */
    public Collection<OptionChain> chains() {
        return List.copyOf(chains.asMap().values());
    }

    public boolean isReady() {
        return installed.source() != null && chains.estimatedSize() > 0;
    }

    /** Where the prices come from, or empty before the loader has run. */
    public Optional<MarketSource> source() {
        return Optional.ofNullable(installed.source());
    }

    public InstrumentIndex index() {
        return installed.index();
    }

    /** Underlyings in configuration order. */
    public Collection<Underlying> underlyings() {
        return installed.underlyings().values();
    }

    public Optional<Underlying> underlying(String symbol) {
        return Optional.ofNullable(installed.underlyings().get(normalise(symbol)));
    }

    /** Expiries of the underlying that have not closed yet, ascending. */
    public List<LocalDate> expiries(String symbol) {
        List<LocalDate> dates = installed.expiries().getOrDefault(normalise(symbol), List.of());
        var now = clock.instant();
        return dates.stream().filter(d -> MarketHours.expiryClose(d).isAfter(now)).toList();
    }

    public Optional<OptionChain> chain(String symbol, LocalDate expiry) {
        if (!MarketHours.expiryClose(expiry).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.ofNullable(chains.getIfPresent(new ChainKey(normalise(symbol), expiry)));
    }

    /** Number of (underlying, expiry) chains held. */
    public long chainCount() {
        chains.cleanUp();
        return chains.estimatedSize();
    }

    /** Number of option legs across all held chains. */
    public long legCount() {
        long n = 0;
        for (OptionChain chain : chains.asMap().values()) {
            n += chain.legCount();
        }
        return n;
    }

    private static String normalise(String symbol) {
        return symbol.trim().toUpperCase(Locale.ROOT);
    }
}
