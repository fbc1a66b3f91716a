package com.livechain.universe;

import com.livechain.chain.ChainCache;
import com.livechain.chain.MarketSource;
import com.livechain.chain.Underlying;
import com.livechain.chain.UnderlyingRef;
import com.livechain.market.MarketHours;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.livechain.universe.MarketDataException.Kind;

/**
 * Fills the chain cache at start-up, or stops the application saying exactly why it could not.
 *
 * <ol>
 *   <li>Read the instrument list once (started early by {@link #prefetch}, so the download overlaps the rest
 *       of the application's start-up) and keep the live index options of the configured underlyings.</li>
 *   <li>Prove the credentials with one authenticated call (the first underlying's expiry list):
 *       a bad token must stop start-up, not surface hours later as a silent feed.</li>
 *   <li>Install the structure and publish {@link ChainReadyEvent}, on which the feed subscribes.</li>
 *   <li>In the background, seed the nearest expiry of each underlying from Dhan's option-chain
 *       snapshot, so the chain shows prices before the first tick and outside market hours. Those
 *       calls are throttled to Dhan's 1 per 3 s, so they must not hold up readiness.</li>
 * </ol>
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ChainLoader implements ApplicationRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChainLoader.class);

    private final MarketDataSource source;
    private final MarketSource marketSource;
    private final List<String> symbols;
    private final ChainCache cache;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Runs the early instrument-list read, then the snapshot seeding: one after the other, never at once. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "chain-loader");
        thread.setDaemon(true);
        return thread;
    });
    private Future<UniverseLoad> prefetched;

    public ChainLoader(MarketDataSource source, MarketSource marketSource, List<String> symbols, ChainCache cache,
                       ApplicationEventPublisher events, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.marketSource = Objects.requireNonNull(marketSource, "marketSource");
        this.symbols = List.copyOf(symbols);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run(ApplicationArguments args) {
        load();
    }

    /**
     * Starts reading the instrument list in the background, so that it runs while the rest of the
     * application (web server, actuator, ...) starts instead of after it: Dhan's detailed scrip master is
     * tens of megabytes, and even the simulator's takes a second to build and parse on two cores.
     * {@link #load} takes the result, or its failure, exactly as if it had read the list itself.
     */
    public synchronized void prefetch() {
        if (prefetched == null) {
            LocalDate today = MarketHours.today(clock.instant());
            prefetched = background.submit(() -> source.loadUniverse(new LinkedHashSet<>(symbols), today));
        }
    }

    /** Loads the universe into the cache; throws {@link ChainLoadException} when nothing could be loaded. */
    public void load() {
        long started = System.nanoTime();
        LocalDate today = MarketHours.today(clock.instant());
        UniverseLoad universe;
        try {
            universe = universe(today);
        } catch (MarketDataException e) {
            throw failure(symbols.stream().map(s -> s + ": " + describe(e)).toList(), e);
        }

        UniverseSelection selection = UniverseSelection.of(universe, symbols);
        Map<String, UnderlyingUniverse> found = selection.found();
        List<String> reasons = selection.reasons();
        if (found.isEmpty()) {
            throw failure(reasons, null);
        }

        UnderlyingRef first = found.values().iterator().next().underlying();
        try {
            List<LocalDate> listed = source.expiries(first);
            log.info("Credentials accepted by {}: it lists {} expiries for {}", marketSource, listed.size(), first.symbol());
        } catch (MarketDataException e) {
            if (e.kind() == Kind.AUTHENTICATION || e.kind() == Kind.ACCESS) {
                throw failure(List.of(first.symbol() + ": " + describe(e)), e);
            }
            // Dhan's expiry list is known to fail around holidays (DhanHQ-py #73, #113) while the
            // instrument list is fine: the chain is still right, so start, but say so.
            log.warn("Could not confirm the credentials: {}: {}. Starting with the instrument list; the feed will "
                    + "report if the token is refused.", first.symbol(), describe(e));
        }

        for (String reason : reasons) {
            log.warn("Not serving {}", reason);
        }
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(found.values());
        cache.install(marketSource, assembly.underlyings(), assembly.chains(), assembly.index());
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Chain cache ready in {} ms: {} underlyings, {} expiries, {} legs (source {})",
                millis, assembly.underlyings().size(), assembly.chains().size(), cache.legCount(), marketSource);
        events.publishEvent(new ChainReadyEvent(assembly.index(), marketSource));
        background.execute(() -> seedNearestExpiries(assembly.underlyings()));
    }

    private UniverseLoad universe(LocalDate today) {
        Future<UniverseLoad> early;
        synchronized (this) {
            early = prefetched;
            prefetched = null;
        }
        if (early == null) {
            return source.loadUniverse(new LinkedHashSet<>(symbols), today);
        }
        try {
            return early.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Reading the instrument list failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the instrument list", e);
        }
    }

    private void seedNearestExpiries(List<Underlying> underlyings) {
        for (Underlying underlying : underlyings) {
            List<LocalDate> expiries = cache.expiries(underlying.symbol());
            if (expiries.isEmpty()) {
                continue;
            }
            LocalDate nearest = expiries.get(0);
            try {
                OptionChainSnapshot snapshot = source.optionChain(underlying.ref(), nearest);
                int seeded = SnapshotSeeder.apply(snapshot, underlying, cache.chain(underlying.symbol(), nearest).orElse(null),
                        clock.millis());
                log.info("Seeded {} {} from the option-chain snapshot: {} legs", underlying.symbol(), nearest, seeded);
            } catch (MarketDataException e) {
                log.warn("No option-chain snapshot for {} {}: {}. Prices arrive with the first ticks.",
                        underlying.symbol(), nearest, describe(e));
            } catch (RuntimeException e) {
                log.warn("No option-chain snapshot for {} {}: {}", underlying.symbol(), nearest, e.toString());
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private static String describe(MarketDataException e) {
        return e.call() + " answered " + e.answer();
    }

    private ChainLoadException failure(List<String> reasons, MarketDataException cause) {
        String action;
        if (cause != null && cause.kind() == Kind.AUTHENTICATION) {
            action = "Set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN to your client id and a fresh token from web.dhan.co "
                    + "(or run `java -jar livechain.jar credentials set --client-id ...`), or unset them and use "
                    + "livechain.mode=auto for the simulator.";
        } else if (cause != null && cause.kind() == Kind.ACCESS) {
            action = "Enable Dhan's Data APIs for this account on web.dhan.co, or run with livechain.mode=simulated.";
        } else if (cause != null) {
            action = "Check that livechain.dhan.* URLs are reachable from this machine and retry; Dhan may be down.";
        } else {
            action = "Check livechain.underlyings (LIVECHAIN_UNDERLYINGS): each must be an index with live options "
                    + "in Dhan's instrument list, e.g. NIFTY,BANKNIFTY,FINNIFTY,MIDCPNIFTY,SENSEX,BANKEX.";
        }
        return new ChainLoadException(reasons, action, cause);
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
