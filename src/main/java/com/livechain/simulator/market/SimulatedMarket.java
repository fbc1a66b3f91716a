package com.livechain.simulator.market;

import com.livechain.simulator.SimulatorProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;

/**
 * The simulated market: six indices on geometric Brownian motion and their option chains priced with Black-76
 * on an implied-volatility smile. Time is virtual: it moves only through {@link #step(Duration)} (or the
 * simulator's real-time driver calling {@link #advanceTo(Instant)}), one tick of every index per
 * {@code 1 / ticksPerSecond} seconds. A fixed seed and start instant give the same market tick for tick.
 *
 * <p>What is listed is {@link MarketListing}'s; how prices open and move, {@link PricePath}'s; how an option is
 * priced, {@link OptionModel}'s. This class keeps the time and answers for the whole.
 *
 * <p>Thread safety: every method is synchronized on this object; the feed encoder and the REST snapshot read
 * instrument state under the same monitor (see {@link TickListener}).
 */
public final class SimulatedMarket {

    private static final long IST_OFFSET_SECONDS = 19_800;

    /** Called under the market's monitor after each tick with the ordinals of the instruments that changed. */
    public interface TickListener {
        void onTick(int[] changed, int count);
    }

    private final OptionModel model;
    private final PricePath path;
    private final MarketListing listing;
    private final long tickNanos;
    private final int[] changed;
    private final Consumer<SimInstrument> markChanged = this::markChanged;
    private int changedCount;
    private long ticks;
    private Instant now;
    private TickListener listener = (changed, count) -> { };

    public SimulatedMarket(List<IndexSpec> specs, long seed, Instant start, SimulatorProperties properties) {
        this.model = new OptionModel(properties.rate());
        this.tickNanos = 1_000_000_000L / properties.ticksPerSecond();
        this.path = new PricePath(seed, model, tickNanos / 1e9, properties.legUpdatesPerTick());
        this.now = start;
        this.listing = new MarketListing(specs);
        // The strike grid is laid around each index's opening level, drawn first.
        for (SimIndex index : listing.indices) {
            path.openIndex(index, start);
            listing.listOptions(index, start);
        }
        for (SimIndex index : listing.indices) {
            for (SimExpiry expiry : index.expiries) {
                for (int i = 0; i < expiry.strikes.length; i++) {
                    path.openLeg(expiry.calls[i], start);
                    path.openLeg(expiry.puts[i], start);
                }
            }
        }
        this.changed = new int[listing.instruments.size()];
    }

    /** Moves virtual time forward by {@code duration}, ticking every index once per tick interval passed. */
    public synchronized void step(Duration duration) {
        advanceTo(now.plus(duration));
    }

    /** Ticks until virtual time reaches {@code target}; does nothing if it is already there. */
    public synchronized void advanceTo(Instant target) {
        Instant next = now.plusNanos(tickNanos);
        while (!next.isAfter(target)) {
            tick(next);
            next = now.plusNanos(tickNanos);
        }
    }

    /** Sets virtual time without ticking, for the real-time driver after a long pause (a suspended laptop). */
    public synchronized void jumpTo(Instant target) {
        if (target.isAfter(now)) {
            now = target;
        }
    }

    /** The market's virtual now: start plus the ticks taken. */
    public synchronized Instant now() {
        return now;
    }

    public synchronized long ticks() {
        return ticks;
    }

    /** The index symbols, in the order of {@link IndexSpec#DEFAULTS}. */
    public synchronized List<String> symbols() {
        return listing.indices.stream().map(i -> i.spec.symbol()).toList();
    }

    /** The index's last price (rounded to the tick), as its ticker packet carries it. */
    public synchronized double lastPrice(String symbol) {
        return listing.index(symbol).ltp;
    }

    /** Expiries of the index that have not closed at the market's now, ascending. */
    public synchronized List<LocalDate> expiries(String symbol) {
        List<LocalDate> out = new ArrayList<>();
        for (SimExpiry e : listing.index(symbol).expiries) {
            if (e.close.isAfter(now)) {
                out.add(e.date);
            }
        }
        return out;
    }

    /** Number of option contracts listed across all indices. */
    public synchronized int optionCount() {
        return listing.instruments.size() - listing.indices.size();
    }

    /** The chain of one expiry with greeks at the current level; null if the index does not list it. */
    public synchronized SimulatedChain chain(String symbol, LocalDate expiryDate) {
        SimIndex index = listing.index(symbol);
        SimExpiry expiry = index.expiry(expiryDate);
        if (expiry == null) {
            return null;
        }
        double years = OptionModel.years(expiry, now);
        double forward = model.forward(index, years);
        List<SimulatedChain.Strike> strikes = new ArrayList<>(expiry.strikes.length);
        for (int i = 0; i < expiry.strikes.length; i++) {
            strikes.add(new SimulatedChain.Strike(expiry.strikes[i],
                    model.view(expiry.calls[i], forward, years), model.view(expiry.puts[i], forward, years)));
        }
        return new SimulatedChain(index.ltp, strikes);
    }

    /** The model premium of a listed option at the current level, unrounded (for tests and checks). */
    public synchronized double modelPrice(String symbol, LocalDate expiryDate, int strike, OptionType type) {
        SimExpiry expiry = listing.index(symbol).expiry(expiryDate);
        for (int i = 0; i < expiry.strikes.length; i++) {
            if (expiry.strikes[i] == strike) {
                return model.model(type == OptionType.CE ? expiry.calls[i] : expiry.puts[i], now);
            }
        }
        throw new IllegalArgumentException("no strike " + strike + " in " + symbol + " " + expiryDate);
    }

    /** The forward level Black-76 prices the expiry on: the index grown at the rate, no dividends. */
    public synchronized double forward(String symbol, LocalDate expiryDate) {
        SimIndex index = listing.index(symbol);
        return model.forward(index, OptionModel.years(index.expiry(expiryDate), now));
    }

    public double rate() {
        return model.rate;
    }

    public synchronized void listener(TickListener listener) {
        this.listener = listener;
    }

    public List<SimIndex> indices() {
        return Collections.unmodifiableList(listing.indices);
    }

    SimIndex index(String symbol) {
        return listing.index(symbol);
    }

    /** The index with this {@code IDX_I} security id, or null. */
    public SimIndex indexById(long securityId) {
        return listing.indexById(securityId);
    }

    /** The instrument on this segment and id, or null; call under the monitor. */
    public SimInstrument find(ExchangeSegment segment, long securityId) {
        return listing.find(segment, securityId);
    }

    public SimInstrument instrument(int ordinal) {
        return listing.instruments.get(ordinal);
    }

    public int instrumentCount() {
        return listing.instruments.size();
    }

    /** Last trade time as Dhan's feed encodes it: IST wall-clock seconds written as epoch seconds (§3.6). */
    public static int feedTime(long epochSeconds) {
        return (int) (epochSeconds + IST_OFFSET_SECONDS);
    }

    private void tick(Instant at) {
        now = at;
        ticks++;
        changedCount = 0;
        path.tick(listing.indices, now, markChanged);
        listener.onTick(changed, changedCount);
    }

    private void markChanged(SimInstrument instrument) {
        if (instrument.changedInTick != ticks) {
            instrument.changedInTick = ticks;
            changed[changedCount++] = instrument.ordinal;
        }
    }

    public static double roundTick(double price) {
        return PricePath.roundTick(price);
    }
}
