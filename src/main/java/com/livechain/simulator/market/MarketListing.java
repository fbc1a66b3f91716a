package com.livechain.simulator.market;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;
import com.livechain.market.MarketHours;

/**
 * What the simulated exchange lists: the indices and, per expiry the calendar lists, a call and a put at each
 * strike of a grid around the index, with Dhan-style security ids; and the lookups by symbol, id and ordinal.
 *
 * <p>The listing changes as the exchanges change theirs: each new day lists the expiries the calendar now
 * lists (a new weekly every week) and drops those whose day has passed; when an index moves far from where
 * an expiry's strikes were laid, strikes are added around it; and an operator can list or delist on demand.
 * Security ids and ordinals are handed out once and never reused. Ordinals are dense over everything ever
 * listed (indices first), for the feed's per-connection tables; a delisted contract leaves its ordinal empty,
 * and stays known by id ({@link #retiredOrdinal}) so a client can still unsubscribe from it.
 *
 * <p>Not thread-safe on its own: {@link SimulatedMarket} calls it under its monitor.
 */
final class MarketListing {

    private static final long NSE_FNO_FIRST_ID = 35_000;
    private static final long BSE_FNO_FIRST_ID = 800_000;
    /** An expiry is re-gridded when the index comes within this share of its listing width of an end strike. */
    private static final double REGRID_AT = 2.0 / 3;

    final List<SimIndex> indices = new ArrayList<>();
    /** By ordinal; null where a contract was delisted. */
    final List<SimInstrument> instruments = new ArrayList<>();
    private final Map<Long, SimInstrument> byKey = new HashMap<>();
    /** Delisted contracts by segment and id: their ordinals, for unsubscribes. */
    private final Map<Long, Integer> retired = new HashMap<>();
    private final Map<String, SimIndex> bySymbol = new HashMap<>();
    /** Expiries delisted by hand, per index: the daily listing does not bring them back. */
    private final Map<String, Set<LocalDate>> delistedByHand = new HashMap<>();
    private long nseId = NSE_FNO_FIRST_ID;
    private long bseId = BSE_FNO_FIRST_ID;
    private int live;
    /** Bumped on every change, so a cached scrip master knows it is out of date. */
    private long version;

    /** Lists the indices; their options follow with {@link #listOptions}, once each index has a level. */
    MarketListing(List<IndexSpec> specs) {
        for (IndexSpec spec : specs) {
            SimIndex index = new SimIndex(instruments.size(), spec);
            indices.add(index);
            register(index);
            bySymbol.put(spec.symbol(), index);
        }
    }

    /** Lists the index's expiries as of {@code start}, each with strikes around the index's opening level. */
    void listOptions(SimIndex index, Instant start) {
        for (ExpiryCalendar.Listed listed : ExpiryCalendar.listed(index.spec, start)) {
            addExpiry(index, listed.date(), listed.kind());
        }
        rank(index, start);
    }

    /**
     * Futures ids of the expiries listed at start: after every option of their segment, as they always were, so
     * a seed's ids do not change. Expiries listed later take theirs as they are listed.
     */
    void numberFutures() {
        for (SimIndex index : indices) {
            for (SimExpiry expiry : index.expiries) {
                if (expiry.kind != ExpiryCalendar.Kind.WEEKLY && expiry.futureId == 0) {
                    expiry.futureId = nextId(index);
                }
            }
        }
    }

    /**
     * A new day: lists what the calendar lists now and the index does not (a new weekly, the next monthly),
     * and drops the expiries whose day has passed.
     *
     * @return the legs listed, to be opened by the price path
     */
    List<SimLeg> newDay(Instant now) {
        LocalDate today = MarketHours.today(now);
        List<SimLeg> added = new ArrayList<>();
        for (SimIndex index : indices) {
            for (SimExpiry expiry : List.copyOf(index.expiries)) {
                if (expiry.date.isBefore(today)) {
                    remove(index, expiry);
                }
            }
            Set<LocalDate> byHand = delistedByHand.getOrDefault(index.spec.symbol(), Set.of());
            for (ExpiryCalendar.Listed listed : ExpiryCalendar.listed(index.spec, now)) {
                if (index.expiry(listed.date()) == null && !byHand.contains(listed.date())) {
                    added.addAll(legs(list(index, listed.date(), listed.kind())));
                }
            }
            rank(index, now);
        }
        return added;
    }

    /** Lists one expiry now, strikes around the index's level. */
    List<SimLeg> listExpiry(SimIndex index, LocalDate date, ExpiryCalendar.Kind kind, Instant now) {
        if (index.expiry(date) != null) {
            throw new IllegalArgumentException(index.spec.symbol() + " already lists " + date);
        }
        if (!MarketHours.expiryClose(date).isAfter(now)) {
            throw new IllegalArgumentException(index.spec.symbol() + " " + date + " would have closed already");
        }
        delistedByHand.getOrDefault(index.spec.symbol(), new HashSet<>()).remove(date);
        SimExpiry expiry = list(index, date, kind);
        rank(index, now);
        return legs(expiry);
    }

    /** Delists one expiry now; returns the number of legs it had. */
    int delistExpiry(SimIndex index, LocalDate date, Instant now) {
        SimExpiry expiry = index.expiry(date);
        if (expiry == null) {
            throw new IllegalArgumentException(index.spec.symbol() + " does not list " + date);
        }
        delistedByHand.computeIfAbsent(index.spec.symbol(), s -> new HashSet<>()).add(date);
        remove(index, expiry);
        rank(index, now);
        return 2 * expiry.strikes.length;
    }

    /**
     * Strikes for every expiry still trading whose grid the index has left behind: when the index comes within
     * a third of the listing width of an end strike, the grid is extended to the full width around it, as NSE
     * adds strikes when the index moves. Listed strikes are never taken away before expiry.
     */
    List<SimLeg> followIndex(SimIndex index, Instant now) {
        List<SimLeg> added = null;
        for (SimExpiry expiry : index.expiries) {
            if (expiry.closedBy(now)) {
                continue;
            }
            double width = width(expiry.kind) * REGRID_AT;
            int[] strikes = expiry.strikes;
            if (index.spot * (1 - width) < strikes[0] || index.spot * (1 + width) > strikes[strikes.length - 1]) {
                int step = step(index, expiry.kind);
                long low = Math.min(strikes[0], lowStrike(index.spot, expiry.kind, step));
                long high = Math.max(strikes[strikes.length - 1], highStrike(index.spot, expiry.kind, step));
                List<SimLeg> legs = extendStrikes(expiry, (int) ((strikes[0] - low) / step),
                        (int) ((high - strikes[strikes.length - 1]) / step));
                if (added == null) {
                    added = new ArrayList<>();
                }
                added.addAll(legs);
            }
        }
        return added == null ? List.of() : added;
    }

    /**
     * Adds {@code below} strikes under the grid and {@code above} over it, on the grid's step. New ids go to
     * the lower strikes first, then the upper, each call then put.
     */
    List<SimLeg> extendStrikes(SimExpiry expiry, int below, int above) {
        if (below < 0 || above < 0) {
            throw new IllegalArgumentException("strikes to add must not be negative");
        }
        if (below == 0 && above == 0) {
            return List.of();
        }
        int step = step(expiry.index, expiry.kind);
        int[] old = expiry.strikes;
        if (old[0] - (long) below * step < step) {
            throw new IllegalArgumentException("a strike below " + step + " cannot be listed");
        }
        int n = old.length + below + above;
        int[] strikes = new int[n];
        SimLeg[] calls = new SimLeg[n];
        SimLeg[] puts = new SimLeg[n];
        System.arraycopy(old, 0, strikes, below, old.length);
        System.arraycopy(expiry.calls, 0, calls, below, old.length);
        System.arraycopy(expiry.puts, 0, puts, below, old.length);
        List<SimLeg> added = new ArrayList<>(2 * (below + above));
        for (int i = 0; i < below; i++) {
            strikes[i] = old[0] - (below - i) * step;
        }
        for (int i = 0; i < above; i++) {
            strikes[below + old.length + i] = old[old.length - 1] + (i + 1) * step;
        }
        for (int i = 0; i < n; i++) {
            if (calls[i] == null) {
                calls[i] = leg(expiry, strikes[i], OptionType.CE);
                puts[i] = leg(expiry, strikes[i], OptionType.PE);
                added.add(calls[i]);
                added.add(puts[i]);
            }
        }
        expiry.strikes = strikes;
        expiry.calls = calls;
        expiry.puts = puts;
        version++;
        return added;
    }

    SimIndex index(String symbol) {
        SimIndex index = bySymbol.get(symbol);
        if (index == null) {
            throw new IllegalArgumentException("unknown index " + symbol);
        }
        return index;
    }

    /** The index with this {@code IDX_I} security id, or null. */
    SimIndex indexById(long securityId) {
        for (SimIndex index : indices) {
            if (index.securityId == securityId) {
                return index;
            }
        }
        return null;
    }

    /** The listed instrument on this segment and id, or null. */
    SimInstrument find(ExchangeSegment segment, long securityId) {
        return byKey.get(key(segment, securityId));
    }

    /** The ordinal a delisted contract had, or -1 when the id was never listed or is listed now. */
    int retiredOrdinal(ExchangeSegment segment, long securityId) {
        Integer ordinal = retired.get(key(segment, securityId));
        return ordinal == null ? -1 : ordinal;
    }

    /** Instruments listed now (indices and legs). */
    int live() {
        return live;
    }

    long version() {
        return version;
    }

    private SimExpiry list(SimIndex index, LocalDate date, ExpiryCalendar.Kind kind) {
        SimExpiry expiry = addExpiry(index, date, kind);
        if (kind != ExpiryCalendar.Kind.WEEKLY) {
            expiry.futureId = nextId(index);
        }
        return expiry;
    }

    /** A new expiry in date order, with strikes around the index's level and new ids. */
    private SimExpiry addExpiry(SimIndex index, LocalDate date, ExpiryCalendar.Kind kind) {
        SimExpiry expiry = new SimExpiry(index, date, kind, 0, strikes(index, kind));
        int at = 0;
        while (at < index.expiries.size() && index.expiries.get(at).date.isBefore(date)) {
            at++;
        }
        index.expiries.add(at, expiry);
        for (int i = 0; i < expiry.strikes.length; i++) {
            expiry.calls[i] = leg(expiry, expiry.strikes[i], OptionType.CE);
            expiry.puts[i] = leg(expiry, expiry.strikes[i], OptionType.PE);
        }
        version++;
        return expiry;
    }

    private SimLeg leg(SimExpiry expiry, int strike, OptionType type) {
        SimLeg leg = new SimLeg(instruments.size(), nextId(expiry.index), expiry, strike, type);
        register(leg);
        return leg;
    }

    private long nextId(SimIndex index) {
        return index.spec.optionSegment() == ExchangeSegment.NSE_FNO ? nseId++ : bseId++;
    }

    private void remove(SimIndex index, SimExpiry expiry) {
        index.expiries.remove(expiry);
        for (int i = 0; i < expiry.strikes.length; i++) {
            retire(expiry.calls[i]);
            retire(expiry.puts[i]);
        }
        version++;
    }

    private void retire(SimLeg leg) {
        long key = key(leg.segment, leg.securityId);
        byKey.remove(key);
        retired.put(key, leg.ordinal);
        instruments.set(leg.ordinal, null);
        live--;
    }

    /** Nearest first among those still trading; closed ones (until the day ends) rank after them. */
    private static void rank(SimIndex index, Instant now) {
        int rank = 0;
        for (SimExpiry expiry : index.expiries) {
            if (!expiry.closedBy(now)) {
                expiry.rank = rank++;
            }
        }
        for (SimExpiry expiry : index.expiries) {
            if (expiry.closedBy(now)) {
                expiry.rank = rank++;
            }
        }
    }

    private static List<SimLeg> legs(SimExpiry expiry) {
        List<SimLeg> legs = new ArrayList<>(2 * expiry.strikes.length);
        for (int i = 0; i < expiry.strikes.length; i++) {
            legs.add(expiry.calls[i]);
            legs.add(expiry.puts[i]);
        }
        return legs;
    }

    /**
     * Strikes on the step grid, ±15% of spot for weeklies, ±25% for monthlies, ±35% for quarterlies; long-dated
     * half-yearlies ±50% on twice the step.
     */
    private static int[] strikes(SimIndex index, ExpiryCalendar.Kind kind) {
        int step = step(index, kind);
        long low = lowStrike(index.spot, kind, step);
        long high = highStrike(index.spot, kind, step);
        int[] strikes = new int[(int) ((high - low) / step) + 1];
        for (int i = 0; i < strikes.length; i++) {
            strikes[i] = (int) (low + (long) i * step);
        }
        return strikes;
    }

    private static long lowStrike(double spot, ExpiryCalendar.Kind kind, int step) {
        return (long) Math.ceil(spot * (1 - width(kind)) / step) * step;
    }

    private static long highStrike(double spot, ExpiryCalendar.Kind kind, int step) {
        return (long) Math.floor(spot * (1 + width(kind)) / step) * step;
    }

    static double width(ExpiryCalendar.Kind kind) {
        return switch (kind) {
            case WEEKLY -> 0.15;
            case MONTHLY -> 0.25;
            case QUARTERLY -> 0.35;
            case HALF_YEARLY -> 0.50;
        };
    }

    static int step(SimIndex index, ExpiryCalendar.Kind kind) {
        return kind == ExpiryCalendar.Kind.HALF_YEARLY ? 2 * index.spec.strikeStep() : index.spec.strikeStep();
    }

    private void register(SimInstrument instrument) {
        instruments.add(instrument);
        byKey.put(key(instrument.segment, instrument.securityId), instrument);
        live++;
    }

    private static long key(ExchangeSegment segment, long securityId) {
        return ((long) segment.code() << 40) | securityId;
    }
}
