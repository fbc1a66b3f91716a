package com.livechain.history;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

import com.livechain.analytics.LatestIvRanks;
import com.livechain.chain.ChainCache;
import com.livechain.chain.MarketSource;
import com.livechain.chain.Underlying;
import com.livechain.history.store.IvHistoryStore;
import com.livechain.history.store.IvHistoryWritten;
import com.livechain.market.MarketHours;
import com.livechain.universe.ChainReadyEvent;
import com.livechain.universe.UniverseReloadedEvent;

/**
 * Keeps {@link LatestIvRanks} equal to what {@code GET /options/iv-history} answers by default: reads an
 * underlying's last {@value #DAYS} days again after every committed write of its IV history (the recorder's
 * writer thread, the backfill's thread), and every underlying's when the chain is ready and after a reload
 * (the window moves a day overnight), on a thread of its own so neither the loader nor the feed waits on the
 * database. Never on a request. A read that fails keeps the value held before: the history's trouble is
 * reported by its own health, not by the live chain.
 */
public final class IvRankRefresher implements AutoCloseable {

    /** The iv-history's default window, in calendar days back from today. */
    public static final int DAYS = 365;

    private static final Logger log = LoggerFactory.getLogger(IvRankRefresher.class);

    private final IvHistoryStore store;
    private final LatestIvRanks ranks;
    private final ChainCache cache;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "iv-rank-refresh");
        thread.setDaemon(true);
        return thread;
    });

    public IvRankRefresher(IvHistoryStore store, LatestIvRanks ranks, ChainCache cache, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ranks = Objects.requireNonNull(ranks, "ranks");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @EventListener
    public void onWritten(IvHistoryWritten event) {
        if (cache.source().filter(event.source()::equals).isEmpty()) {
            return;
        }
        event.underlyings().forEach(symbol -> refresh(event.source(), symbol));
    }

    @EventListener
    public void onChainReady(ChainReadyEvent event) {
        executor.execute(this::refreshAll);
    }

    @EventListener
    public void onReloaded(UniverseReloadedEvent event) {
        executor.execute(this::refreshAll);
    }

    /** Reads every configured underlying's IV history again. */
    public void refreshAll() {
        Optional<MarketSource> source = cache.source();
        if (source.isEmpty()) {
            return;
        }
        for (Underlying underlying : cache.underlyings()) {
            refresh(source.get(), underlying.symbol());
        }
    }

    private void refresh(MarketSource source, String symbol) {
        LocalDate today = MarketHours.today(clock.instant());
        try {
            ranks.put(symbol, IvHistoryStore.rank(store.daysSince(source, symbol, today.minusDays(DAYS - 1L))));
        } catch (RuntimeException e) {
            log.debug("The IV rank of {} was not read again, the last one is kept: {}", symbol, e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
