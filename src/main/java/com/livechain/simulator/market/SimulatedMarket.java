package com.livechain.simulator.market;

import com.livechain.simulator.SimulatorProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;
import com.livechain.market.MarketHours;

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
    private int[] changed;
    private final Consumer<SimInstrument> markChanged = this::markChanged;
    private int changedCount;
    private long ticks;
    private Instant now;
    /** Epoch second at which the IST day after the listing's day starts: the next day's contracts list then. */
    private long nextDayStarts;
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
        listing.numberFutures();
        for (SimIndex index : listing.indices) {
            for (SimExpiry expiry : index.expiries) {
                for (int i = 0; i < expiry.strikes.length; i++) {
                    path.openLeg(expiry.calls[i], start);
                    path.openLeg(expiry.puts[i], start);
                }
            }
        }
        this.changed = new int[listing.instruments.size()];
        this.nextDayStarts = nextDayStart(start);
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
            listNewContracts();
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

    /** Number of option contracts listed now across all indices. */
    public synchronized int optionCount() {
        return listing.live() - listing.indices.size();
    }

    /**
     * Lists an expiry of the index now, with strikes around its current level, as the exchange lists a new
     * contract; the scrip master and the feed serve it from now on.
     *
     * @throws IllegalArgumentException for an unknown index, an expiry already listed or one already closed
     */
    public synchronized SimExpiry listExpiry(String symbol, LocalDate date, ExpiryCalendar.Kind kind) {
        SimIndex index = listing.index(symbol);
        opened(listing.listExpiry(index, date, kind, now));
        return index.expiry(date);
    }

    /**
     * The expiry the exchange would list next for the index: the week after its last listed weekly, or for an
     * index without weeklies the month after its last monthly.
     */
    public synchronized LocalDate nextExpiryToList(String symbol) {
        SimIndex index = listing.index(symbol);
        IndexSpec spec = index.spec;
        ExpiryCalendar.Kind kind = spec.weeklyDay() != null ? ExpiryCalendar.Kind.WEEKLY : ExpiryCalendar.Kind.MONTHLY;
        LocalDate last = null;
        for (SimExpiry e : index.expiries) {
            if (e.kind == kind) {
                last = e.date;
            }
        }
        LocalDate from = last != null ? last : MarketHours.today(now);
        for (LocalDate d = from.plusDays(1); ; d = d.plusDays(1)) {
            if (index.expiry(d) == null && ExpiryCalendar.isScheduled(spec, d, kind)) {
                return d;
            }
        }
    }

    /** Delists an expiry now (it is gone from the scrip master; subscriptions to it go quiet); returns its legs. */
    public synchronized int delistExpiry(String symbol, LocalDate date) {
        return listing.delistExpiry(listing.index(symbol), date, now);
    }

    /**
     * Lists {@code count} more strikes at each end of the expiry's grid (of every expiry still trading when
     * {@code date} is null); returns the legs listed.
     */
    public synchronized int listStrikes(String symbol, LocalDate date, int count) {
        SimIndex index = listing.index(symbol);
        int added = 0;
        for (SimExpiry expiry : List.copyOf(index.expiries)) {
            if ((date == null && !expiry.closedBy(now)) || expiry.date.equals(date)) {
                List<SimLeg> legs = listing.extendStrikes(expiry, count, count);
                opened(legs);
                added += legs.size();
            }
        }
        if (date != null && index.expiry(date) == null) {
            throw new IllegalArgumentException(symbol + " does not list " + date);
        }
        return added;
    }

    /**
     * Moves the index's level by {@code percent} now (a gap), for tests of what follows a big move: the next
     * tick lists strikes around the new level if it left the grid behind.
     */
    public synchronized double moveIndex(String symbol, double percent) {
        SimIndex index = listing.index(symbol);
        index.spot *= 1 + percent / 100;
        index.ltp = PricePath.roundTick(index.spot);
        index.high = Math.max(index.high, index.ltp);
        index.low = Math.min(index.low, index.ltp);
        return index.ltp;
    }

    /** Every expiry of the index listed now (closed ones until their day ends), ascending. */
    public synchronized List<SimExpiry> listedExpiries(String symbol) {
        return List.copyOf(listing.index(symbol).expiries);
    }

    /** Changes with every listing or delisting: a cached scrip master built at another version is stale. */
    public synchronized long listingVersion() {
        return listing.version();
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

    /** The listed instrument on this segment and id, or null; call under the monitor. */
    public SimInstrument find(ExchangeSegment segment, long securityId) {
        return listing.find(segment, securityId);
    }

    /**
     * The ordinal of the instrument on this segment and id, listed now or delisted (so a subscription to it can
     * still be ended), or -1 for an id never listed; call under the monitor.
     */
    public int ordinalOf(ExchangeSegment segment, long securityId) {
        SimInstrument instrument = listing.find(segment, securityId);
        return instrument != null ? instrument.ordinal : listing.retiredOrdinal(segment, securityId);
    }

    /** The instrument with this ordinal, or null if it was delisted; call under the monitor. */
    public SimInstrument instrument(int ordinal) {
        return listing.instruments.get(ordinal);
    }

    /** Ordinals handed out so far (listed and delisted); the next listing takes the next one. */
    public synchronized int instrumentCount() {
        return listing.instruments.size();
    }

    /** Last trade time as Dhan's feed encodes it: IST wall-clock seconds written as epoch seconds (§3.6). */
    public static int feedTime(long epochSeconds) {
        return (int) (epochSeconds + IST_OFFSET_SECONDS);
    }

    private void tick(Instant at) {
        now = at;
        ticks++;
        listNewContracts();
        changedCount = 0;
        path.tick(listing.indices, now, markChanged);
        listener.onTick(changed, changedCount);
    }

    /**
     * What the exchange lists as time passes: on a new IST day the day's expiries (and the expired ones go), and
     * strikes around an index that moved far from its grid. New legs open on the model, from the same seeded
     * stream, so a seed still gives the same market.
     */
    private void listNewContracts() {
        if (now.getEpochSecond() >= nextDayStarts) {
            nextDayStarts = nextDayStart(now);
            opened(listing.newDay(now));
        }
        for (SimIndex index : listing.indices) {
            List<SimLeg> legs = listing.followIndex(index, now);
            if (!legs.isEmpty()) {
                opened(legs);
            }
        }
    }

    private void opened(List<SimLeg> legs) {
        for (SimLeg leg : legs) {
            path.openLeg(leg, now);
        }
        if (changed.length < listing.instruments.size()) {
            changed = Arrays.copyOf(changed, Math.max(listing.instruments.size(), 2 * changed.length));
        }
    }

    private static long nextDayStart(Instant instant) {
        return MarketHours.today(instant).plusDays(1).atStartOfDay(MarketHours.IST).toEpochSecond();
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
