package com.livechain.history;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.livechain.chain.ChainCache;
import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import com.livechain.dhan.rest.DhanChartsClient;
import com.livechain.dhan.rest.RollingField;
import com.livechain.dhan.rest.RollingOptionRequest;
import com.livechain.dhan.rest.RollingOptionRequest.ExpiryFlag;
import com.livechain.dhan.rest.RollingOptionSeries;
import com.livechain.market.MarketHours;
import com.livechain.universe.ChainReadyEvent;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

/**
 * Fills the trading days missing from each underlying's IV history over the last {@value #LOOKBACK_DAYS} calendar
 * days from Dhan's expired-options data, in the background, when the chain is ready and after each reload.
 *
 * <p>A day's value is the contract's: the mean of the ATM call and ATM put IV of the nearest monthly expiry with at
 * least 7 calendar days left, at the day's last minute. Dhan's {@code /v2/charts/rollingoption} with
 * {@code expiryFlag MONTH}, {@code strike ATM}, one-minute bars, {@code expiryCode 1} (the nearest monthly) gives it
 * while that expiry is 7 or more days away, {@code expiryCode 2} (the next monthly) in the last 6 days and on the
 * expiry day ({@link IvHistoryExpiry}). The days are asked in runs of one code of at most 30 days
 * ({@link BackfillPlan}), a call and a put series each, paced by the chart client's Data-API throttle.
 *
 * <p>Stored as {@link IvDay.Origin#BACKFILLED}, never over a day already held (the store keeps a RECORDED day in
 * any case). A day Dhan has no bars for (a holiday the calendar did not know, a gap in Dhan's data) is remembered
 * and not asked again while the process runs. A malformed answer, or one Dhan refuses, loses only its chunk: its
 * days stay missing for the next run. Authentication or rate-limit refusals end the run: the next trigger tries
 * again. One log line per underlying and chunk; {@code livechain_history_backfill_days_total{underlying,outcome}}
 * counts days {@code filled}, {@code empty} (no data) and {@code failed}, and
 * {@code livechain_history_backfill_days_remaining} the days still to ask in the current run.
 *
 * <p>After a reload: {@link #universeReloaded()} is the listener, enabled by annotating it
 * {@code @EventListener(UniverseReloadedEvent.class)}.
 */
@Component
public class IvBackfill implements DisposableBean {

    /** The window the IV history keeps complete: a year, the span IV rank is taken over. */
    public static final int LOOKBACK_DAYS = 365;

    private static final Logger log = LoggerFactory.getLogger(IvBackfill.class);
    private static final Set<RollingField> FIELDS = EnumSet.of(RollingField.IV, RollingField.STRIKE, RollingField.SPOT);

    /** What one run did for one underlying. */
    public record Outcome(String symbol, int missing, int filled, int empty, int failed) {
    }

    private final boolean enabled;
    private final Function<RollingOptionRequest, RollingOptionSeries> rollingOptions;
    private final Supplier<IvHistoryWriter> store;
    private final Supplier<List<BackfillTarget>> targets;
    private final TradingDays tradingDays;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ExecutorService executor;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong remaining = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    /** Days found without data, per underlying: not asked again while the process runs. */
    private final Map<String, Set<LocalDate>> withoutData = new ConcurrentHashMap<>();
    private final AtomicBoolean storeMissingLogged = new AtomicBoolean();

    @Autowired
    public IvBackfill(BackfillProperties properties, DhanChartsClient client, ChainCache cache,
                      ObjectProvider<IvHistoryWriter> store, ObjectProvider<TradingDays> tradingDays, Clock clock,
                      MeterRegistry registry) {
        this(properties.backfill(), client::rollingOption, store::getIfAvailable, () -> targets(cache),
                tradingDays.getIfAvailable(() -> TradingDays.WEEKDAYS), clock, registry);
    }

    /** For tests: any source of rolling-option series and of targets. */
    public IvBackfill(boolean enabled, Function<RollingOptionRequest, RollingOptionSeries> rollingOptions,
                      Supplier<IvHistoryWriter> store, Supplier<List<BackfillTarget>> targets, TradingDays tradingDays,
                      Clock clock, MeterRegistry registry) {
        this.enabled = enabled;
        this.rollingOptions = Objects.requireNonNull(rollingOptions, "rollingOptions");
        this.store = Objects.requireNonNull(store, "store");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.tradingDays = Objects.requireNonNull(tradingDays, "tradingDays");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "iv-backfill");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("livechain.history.backfill.days.remaining", remaining, AtomicLong::get)
                .description("Trading days of the IV history still to be asked of Dhan in the current backfill run")
                .register(registry);
    }

    @EventListener
    public void onChainReady(ChainReadyEvent event) {
        trigger("start-up");
    }

    /** The chain was reloaded: its underlyings may have changed, and a day has passed since the last run. */
    public void universeReloaded() {
        trigger("reload");
    }

    /**
     * Starts a run in the background, or, if one is running, one more after it (triggers during a run coalesce
     * into that one). Does nothing when {@code livechain.history.backfill} is off.
     */
    public void trigger(String why) {
        if (!enabled) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            log.debug("IV backfill triggered by {}", why);
            executor.execute(this::drain);
        }
    }

    /** Runs finished since start, for tests and health. */
    public long runsCompleted() {
        return runs.get();
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    log.warn("IV backfill run failed; the next start-up or reload tries again", e);
                }
                runs.incrementAndGet();
            }
        } finally {
            running.set(false);
            // A trigger that came between the last check and the reset would otherwise wait for the next one.
            if (again.get() && running.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    /** One run over every underlying, now, on the calling thread. */
    public List<Outcome> runOnce() {
        IvHistoryWriter writer = store.get();
        if (writer == null) {
            if (storeMissingLogged.compareAndSet(false, true)) {
                log.info("IV backfill skipped: no IV history store is configured");
            }
            return List.of();
        }
        LocalDate today = MarketHours.today(clock.instant());
        LocalDate from = today.minusDays(LOOKBACK_DAYS);
        LocalDate to = today.minusDays(1);
        Map<BackfillTarget, Set<LocalDate>> missing = new LinkedHashMap<>();
        long total = 0;
        for (BackfillTarget target : targets.get()) {
            Set<LocalDate> days = new TreeSet<>();
            Set<LocalDate> present = writer.daysPresent(target.symbol(), from, to);
            Set<LocalDate> empty = withoutData.getOrDefault(target.symbol(), Set.of());
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (tradingDays.isTradingDay(day) && !present.contains(day) && !empty.contains(day)) {
                    days.add(day);
                }
            }
            missing.put(target, days);
            total += days.size();
        }
        remaining.set(total);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Map.Entry<BackfillTarget, Set<LocalDate>> entry : missing.entrySet()) {
                outcomes.add(backfill(writer, entry.getKey(), entry.getValue(), from, to));
            }
        } catch (RunEnded e) {
            outcomes.add(e.outcome);
            log.warn("IV backfill stopped for now: {}. {} days are left for the next start-up or reload",
                    e.getMessage(), remaining.get());
        } finally {
            remaining.set(0);
        }
        return outcomes;
    }

    /** Thrown to end a run early: Dhan refused the credentials or the rate, or the store failed. */
    private static final class RunEnded extends RuntimeException {
        final transient Outcome outcome;

        RunEnded(String message, Outcome outcome, Throwable cause) {
            super(message, cause);
            this.outcome = outcome;
        }
    }

    private Outcome backfill(IvHistoryWriter writer, BackfillTarget target, Set<LocalDate> missing, LocalDate from,
                             LocalDate to) {
        String symbol = target.symbol();
        if (missing.isEmpty()) {
            log.debug("IV backfill {}: no trading day missing in {}..{}", symbol, from, to);
            return new Outcome(symbol, 0, 0, 0, 0);
        }
        IvHistoryExpiry expiries = new IvHistoryExpiry(target.optionSegment(), tradingDays);
        List<BackfillPlan.Chunk> chunks = BackfillPlan.plan(missing, expiries);
        log.info("IV backfill {}: {} trading days missing in {}..{}, {} chunks of at most {} days", symbol,
                missing.size(), from, to, chunks.size(), BackfillPlan.MAX_SPAN_DAYS);
        int filled = 0;
        int empty = 0;
        int failed = 0;
        int left = missing.size();
        for (BackfillPlan.Chunk chunk : chunks) {
            String what = symbol + " " + chunk.from() + ".." + chunk.to() + " (MONTH expiryCode " + chunk.expiryCode()
                    + ", " + chunk.days().size() + " days)";
            List<IvDay> days;
            try {
                RollingOptionSeries call = rollingOptions.apply(request(target, chunk, OptionType.CE));
                RollingOptionSeries put = rollingOptions.apply(request(target, chunk, OptionType.PE));
                days = AtmIvDays.of(call, put, chunk.days());
            } catch (MarketDataException e) {
                if (DhanChartsClient.isNoData(e)) {
                    days = List.of();
                } else {
                    failed += chunk.days().size();
                    left -= chunk.days().size();
                    count(symbol, "failed", chunk.days().size());
                    remaining.addAndGet(-chunk.days().size());
                    if (e.kind() == Kind.AUTHENTICATION || e.kind() == Kind.ACCESS || e.kind() == Kind.RATE_LIMIT) {
                        throw new RunEnded(e.call() + " answered " + e.answer(),
                                new Outcome(symbol, missing.size(), filled, empty, failed), e);
                    }
                    log.warn("IV backfill {}: not filled, {} answered {}; {} days left for {}", what, e.call(),
                            e.answer(), left, symbol);
                    continue;
                }
            }
            try {
                if (!days.isEmpty()) {
                    writer.upsertBackfilled(symbol, days);
                }
            } catch (RuntimeException e) {
                failed += chunk.days().size();
                count(symbol, "failed", chunk.days().size());
                remaining.addAndGet(-chunk.days().size());
                throw new RunEnded("the IV history store could not write " + what + ": " + e.getMessage(),
                        new Outcome(symbol, missing.size(), filled, empty, failed), e);
            }
            Set<LocalDate> got = new HashSet<>();
            days.forEach(d -> got.add(d.date()));
            List<LocalDate> none = chunk.days().stream().filter(d -> !got.contains(d)).toList();
            withoutData.computeIfAbsent(symbol, s -> ConcurrentHashMap.newKeySet()).addAll(none);
            filled += days.size();
            empty += none.size();
            left -= chunk.days().size();
            count(symbol, "filled", days.size());
            count(symbol, "empty", none.size());
            remaining.addAndGet(-chunk.days().size());
            log.info("IV backfill {}: {} filled, {} without data{}; {} days left for {}", what, days.size(),
                    none.size(), none.isEmpty() ? "" : " " + abridged(none), left, symbol);
        }
        log.info("IV backfill {} done: {} days filled, {} without data, {} failed", symbol, filled, empty, failed);
        return new Outcome(symbol, missing.size(), filled, empty, failed);
    }

    private static RollingOptionRequest request(BackfillTarget target, BackfillPlan.Chunk chunk, OptionType type) {
        return new RollingOptionRequest(target.securityId(), target.optionSegment(), ExpiryFlag.MONTH,
                chunk.expiryCode(), "ATM", type, 1, chunk.from(), chunk.to(), FIELDS);
    }

    private void count(String symbol, String outcome, int days) {
        if (days > 0) {
            Counter.builder("livechain.history.backfill.days")
                    .description("Trading days of the IV history the backfill asked Dhan for, by outcome: filled, "
                            + "empty (Dhan has no data for the day), failed (the answer was refused or malformed)")
                    .tag("underlying", symbol)
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(days);
        }
    }

    private static String abridged(List<LocalDate> days) {
        return days.size() <= 5 ? days.toString() : days.subList(0, 5) + " and " + (days.size() - 5) + " more";
    }

    /** Every underlying of the chain, with the segment its options trade on (read off its legs). */
    private static List<BackfillTarget> targets(ChainCache cache) {
        List<BackfillTarget> out = new ArrayList<>();
        for (Underlying underlying : cache.underlyings()) {
            for (LocalDate expiry : cache.expiries(underlying.symbol())) {
                OptionChain chain = cache.chain(underlying.symbol(), expiry).orElse(null);
                StrikeRow row = chain == null || chain.strikes().isEmpty() ? null : chain.strikes().get(0);
                Leg leg = row == null ? null : row.ce() != null ? row.ce() : row.pe();
                if (leg != null) {
                    out.add(new BackfillTarget(underlying.symbol(), underlying.ref().securityId(), leg.segment()));
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
