package com.livechain.universe;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import com.livechain.chain.ChainCache;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.OptionChain;
import com.livechain.market.MarketHours;

/**
 * Reads the instrument list again and replaces the served universe with it, whole or not at all: new
 * expiries and strikes are added, delisted ones dropped, and every contract listed in both keeps its slot,
 * so its live prices, security id and feed subscription carry over untouched. A list that cannot be read,
 * does not parse, is empty, or would leave half a universe ({@link ReloadGuard}) changes nothing: the current
 * chains stay, and the failure is reported in the result, the log, health and the reload counter.
 *
 * <p>Reloads are serialised: the daily schedule and {@code POST /actuator/chainreload} may ask at once.
 */
public final class UniverseReloader {

    private static final Logger log = LoggerFactory.getLogger(UniverseReloader.class);

    private final MarketDataSource source;
    private final List<String> symbols;
    private final ChainCache cache;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Read by the metrics scrape while a reload may be running, so not under the reload's lock. */
    private final Map<ReloadResult.Outcome, LongAdder> counts = new EnumMap<>(ReloadResult.Outcome.class);
    private volatile ReloadResult last;
    private volatile ReloadResult lastFailure;

    public UniverseReloader(MarketDataSource source, List<String> symbols, ChainCache cache,
                            ApplicationEventPublisher events, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.symbols = List.copyOf(symbols);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (ReloadResult.Outcome outcome : ReloadResult.Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    /** Reloads now; never throws: a failure is the result's {@link ReloadResult#reason()}. */
    public synchronized ReloadResult reload(String trigger) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        ReloadResult result;
        try {
            result = apply(trigger, now, started);
        } catch (MarketDataException e) {
            result = ReloadResult.failed(trigger, now, elapsed(started), e.call() + " answered " + e.answer());
        } catch (RuntimeException e) {
            result = ReloadResult.failed(trigger, now, elapsed(started), e.toString());
        }
        record(result);
        return result;
    }

    private ReloadResult apply(String trigger, Instant now, long started) {
        if (cache.source().isEmpty()) {
            return ReloadResult.failed(trigger, now, elapsed(started), "the start-up load has not finished");
        }
        UniverseLoad load = source.loadUniverse(new LinkedHashSet<>(symbols), MarketHours.today(now));
        UniverseSelection selection = UniverseSelection.of(load, symbols);
        if (selection.found().isEmpty()) {
            return ReloadResult.failed(trigger, now, elapsed(started),
                    "the instrument list has no live index options: " + String.join("; ", selection.reasons()));
        }
        Collection<OptionChain> before = cache.chains();
        Optional<String> refused = ReloadGuard.refuse(before, selection, now);
        if (refused.isPresent()) {
            return ReloadResult.failed(trigger, now, elapsed(started), refused.get());
        }
        InstrumentIndex previous = cache.index();
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(selection.found().values(), previous);
        UniverseDiff diff = UniverseDiff.between(previous, before, assembly.index(), assembly.chains());
        if (diff.isEmpty()) {
            return ReloadResult.of(trigger, now, elapsed(started), diff);
        }
        cache.install(cache.source().orElseThrow(), assembly.underlyings(), assembly.chains(), assembly.index());
        events.publishEvent(new UniverseReloadedEvent(previous, assembly.index(), diff));
        return ReloadResult.of(trigger, now, elapsed(started), diff);
    }

    private void record(ReloadResult result) {
        counts.get(result.outcome()).increment();
        last = result;
        switch (result.outcome()) {
            case FAILED -> {
                lastFailure = result;
                log.warn("Chain reload ({}) failed, keeping the current chains: {}", result.trigger(), result.reason());
            }
            case UNCHANGED -> log.info("Chain reload ({}): the instrument list is unchanged ({} legs, {} ms)",
                    result.trigger(), result.legsKept(), result.millis());
            case APPLIED -> log.info("Chain reload ({}): {} legs added, {} removed, {} kept; expiries listed {}, "
                            + "delisted {} ({} ms)", result.trigger(), result.legsAdded(), result.legsRemoved(),
                    result.legsKept(), result.expiriesAdded(), result.expiriesRemoved(), result.millis());
        }
    }

    /** Reloads that ended with {@code outcome} since start. */
    public long count(ReloadResult.Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** The latest reload's result, if any ran. */
    public Optional<ReloadResult> last() {
        return Optional.ofNullable(last);
    }

    /** The latest failed reload, if any failed. */
    public Optional<ReloadResult> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
