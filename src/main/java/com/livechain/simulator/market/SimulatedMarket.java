package com.livechain.simulator.market;

import com.livechain.simulator.SimulatorProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.livechain.analytics.Black76;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;

/**
 * The simulated market: six indices on geometric Brownian motion and their option chains priced with Black-76
 * on an implied-volatility smile. Time is virtual: it moves only through {@link #step(Duration)} (or the
 * simulator's real-time driver calling {@link #advanceTo(Instant)}), one tick of every index per
 * {@code 1 / ticksPerSecond} seconds. A fixed seed and start instant give the same market tick for tick.
 *
 * <p>Each tick moves every index and "trades" a random subset of its options, drawn mostly near the money:
 * those legs get a fresh model price, a new bid/ask and depth around it, a trade at the bid or the ask, volume
 * and an open-interest change. Legs not drawn keep their last quote, as on an exchange where the feed sends
 * only what changed.
 *
 * <p>Thread safety: every method is synchronized on this object; the feed encoder and the REST snapshot read
 * instrument state under the same monitor (see {@link TickListener}).
 */
public final class SimulatedMarket {

    static final double TICK = 0.05;
    private static final double SECONDS_PER_YEAR = 365.0 * 86400;
    /** Trading seconds in a year (252 days of 6 h 15 min): the clock the index volatility runs on. */
    private static final double TRADING_SECONDS_PER_YEAR = 252.0 * 6.25 * 3600;
    private static final double ONE_DAY_YEARS = 1.0 / 365;
    private static final long IST_OFFSET_SECONDS = 19_800;
    private static final long NSE_FNO_FIRST_ID = 35_000;
    private static final long BSE_FNO_FIRST_ID = 800_000;

    /** Called under the market's monitor after each tick with the ordinals of the instruments that changed. */
    public interface TickListener {
        void onTick(int[] changed, int count);
    }

    private final SplittableRandom random;
    private final double rate;
    private final long tickNanos;
    private final int legUpdatesPerTick;
    private final Instant start;
    private final List<SimIndex> indices = new ArrayList<>();
    private final List<SimInstrument> instruments = new ArrayList<>();
    private final Map<Long, SimInstrument> byKey = new HashMap<>();
    private final Map<String, SimIndex> bySymbol = new HashMap<>();
    private final int[] changed;
    private int changedCount;
    private long ticks;
    private Instant now;
    private TickListener listener = (changed, count) -> { };

    public SimulatedMarket(List<IndexSpec> specs, long seed, Instant start, SimulatorProperties properties) {
        this.random = new SplittableRandom(seed);
        this.rate = properties.rate();
        this.tickNanos = 1_000_000_000L / properties.ticksPerSecond();
        this.legUpdatesPerTick = properties.legUpdatesPerTick();
        this.start = start;
        this.now = start;
        for (IndexSpec spec : specs) {
            SimIndex index = new SimIndex(instruments.size(), spec);
            indices.add(index);
            register(index);
            bySymbol.put(spec.symbol(), index);
        }
        long nseId = NSE_FNO_FIRST_ID;
        long bseId = BSE_FNO_FIRST_ID;
        for (SimIndex index : indices) {
            openIndex(index);
            int rank = 0;
            for (ExpiryCalendar.Listed listed : ExpiryCalendar.listed(index.spec, start)) {
                SimExpiry expiry = new SimExpiry(index, listed.date(), listed.kind(), rank++,
                        strikes(index, listed.kind()));
                index.expiries.add(expiry);
                for (int i = 0; i < expiry.strikes.length; i++) {
                    boolean nse = index.spec.optionSegment() == ExchangeSegment.NSE_FNO;
                    long callId = nse ? nseId++ : bseId++;
                    long putId = nse ? nseId++ : bseId++;
                    expiry.calls[i] = new SimLeg(instruments.size(), callId, expiry, expiry.strikes[i], OptionType.CE);
                    register(expiry.calls[i]);
                    expiry.puts[i] = new SimLeg(instruments.size(), putId, expiry, expiry.strikes[i], OptionType.PE);
                    register(expiry.puts[i]);
                }
            }
        }
        for (SimIndex index : indices) {
            for (SimExpiry expiry : index.expiries) {
                for (int i = 0; i < expiry.strikes.length; i++) {
                    openLeg(expiry.calls[i]);
                    openLeg(expiry.puts[i]);
                }
            }
        }
        this.changed = new int[instruments.size()];
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
        return indices.stream().map(i -> i.spec.symbol()).toList();
    }

    /** The index's last price (rounded to the tick), as its ticker packet carries it. */
    public synchronized double lastPrice(String symbol) {
        return index(symbol).ltp;
    }

    /** Expiries of the index that have not closed at the market's now, ascending. */
    public synchronized List<LocalDate> expiries(String symbol) {
        List<LocalDate> out = new ArrayList<>();
        for (SimExpiry e : index(symbol).expiries) {
            if (e.close.isAfter(now)) {
                out.add(e.date);
            }
        }
        return out;
    }

    /** Number of option contracts listed across all indices. */
    public synchronized int optionCount() {
        return instruments.size() - indices.size();
    }

    /** The chain of one expiry with greeks at the current level; null if the index does not list it. */
    public synchronized SimulatedChain chain(String symbol, LocalDate expiryDate) {
        SimIndex index = index(symbol);
        SimExpiry expiry = index.expiry(expiryDate);
        if (expiry == null) {
            return null;
        }
        double years = years(expiry);
        double forward = index.spot * Math.exp(rate * years);
        List<SimulatedChain.Strike> strikes = new ArrayList<>(expiry.strikes.length);
        for (int i = 0; i < expiry.strikes.length; i++) {
            strikes.add(new SimulatedChain.Strike(expiry.strikes[i],
                    view(expiry.calls[i], forward, years), view(expiry.puts[i], forward, years)));
        }
        return new SimulatedChain(index.ltp, strikes);
    }

    /** The model premium of a listed option at the current level, unrounded (for tests and checks). */
    public synchronized double modelPrice(String symbol, LocalDate expiryDate, int strike, OptionType type) {
        SimExpiry expiry = index(symbol).expiry(expiryDate);
        for (int i = 0; i < expiry.strikes.length; i++) {
            if (expiry.strikes[i] == strike) {
                return model(type == OptionType.CE ? expiry.calls[i] : expiry.puts[i]);
            }
        }
        throw new IllegalArgumentException("no strike " + strike + " in " + symbol + " " + expiryDate);
    }

    /** The forward level Black-76 prices the expiry on: the index grown at the rate, no dividends. */
    public synchronized double forward(String symbol, LocalDate expiryDate) {
        SimIndex index = index(symbol);
        return index.spot * Math.exp(rate * years(index.expiry(expiryDate)));
    }

    public double rate() {
        return rate;
    }

    public synchronized void listener(TickListener listener) {
        this.listener = listener;
    }

    public List<SimIndex> indices() {
        return Collections.unmodifiableList(indices);
    }

    SimIndex index(String symbol) {
        SimIndex index = bySymbol.get(symbol);
        if (index == null) {
            throw new IllegalArgumentException("unknown index " + symbol);
        }
        return index;
    }

    /** The index with this {@code IDX_I} security id, or null. */
    public SimIndex indexById(long securityId) {
        for (SimIndex index : indices) {
            if (index.securityId == securityId) {
                return index;
            }
        }
        return null;
    }

    /** The instrument on this segment and id, or null; call under the monitor. */
    public SimInstrument find(ExchangeSegment segment, long securityId) {
        return byKey.get(key(segment, securityId));
    }

    public SimInstrument instrument(int ordinal) {
        return instruments.get(ordinal);
    }

    public int instrumentCount() {
        return instruments.size();
    }

    /** Last trade time as Dhan's feed encodes it: IST wall-clock seconds written as epoch seconds (§3.6). */
    public static int feedTime(long epochSeconds) {
        return (int) (epochSeconds + IST_OFFSET_SECONDS);
    }

    private void register(SimInstrument instrument) {
        instruments.add(instrument);
        byKey.put(key(instrument.segment, instrument.securityId), instrument);
    }

    private static long key(ExchangeSegment segment, long securityId) {
        return ((long) segment.code() << 40) | securityId;
    }

    /**
     * Strikes on the step grid, ±15% of spot for weeklies, ±25% for monthlies, ±35% for quarterlies; long-dated
     * half-yearlies ±50% on twice the step.
     */
    private static int[] strikes(SimIndex index, ExpiryCalendar.Kind kind) {
        double width = switch (kind) {
            case WEEKLY -> 0.15;
            case MONTHLY -> 0.25;
            case QUARTERLY -> 0.35;
            case HALF_YEARLY -> 0.50;
        };
        int step = kind == ExpiryCalendar.Kind.HALF_YEARLY ? 2 * index.spec.strikeStep() : index.spec.strikeStep();
        long low = (long) Math.ceil(index.spot * (1 - width) / step) * step;
        long high = (long) Math.floor(index.spot * (1 + width) / step) * step;
        int[] strikes = new int[(int) ((high - low) / step) + 1];
        for (int i = 0; i < strikes.length; i++) {
            strikes[i] = (int) (low + (long) i * step);
        }
        return strikes;
    }

    private void openIndex(SimIndex index) {
        IndexSpec spec = index.spec;
        index.spot = roundTick(spec.spot() * Math.exp(0.005 * random.nextGaussian()));
        index.prevSpot = roundTick(index.spot * Math.exp(0.006 * random.nextGaussian()));
        index.prevClose = index.prevSpot;
        index.open = roundTick(index.prevSpot * Math.exp(0.003 * random.nextGaussian()));
        index.ltp = index.spot;
        index.high = roundTick(Math.max(index.open, index.spot) * (1 + 0.002 * Math.abs(random.nextGaussian())));
        index.low = roundTick(Math.min(index.open, index.spot) * (1 - 0.002 * Math.abs(random.nextGaussian())));
        index.ltt = now.getEpochSecond();
    }

    private void openLeg(SimLeg leg) {
        SimIndex index = leg.expiry.index;
        int lot = index.spec.lotSize();
        double years = years(leg.expiry);
        double model = model(leg);
        double prevYears = years + ONE_DAY_YEARS;
        double prevForward = index.prevSpot * Math.exp(rate * prevYears);
        double prevVol = vol(index, prevYears, Math.log(leg.strike / prevForward));
        leg.prevClose = floorTick(Black76.price(leg.call(), prevForward, leg.strike, prevYears, rate, prevVol));

        double k = Math.log(leg.strike / forward(index, years));
        double width = Math.min(0.15, 0.03 * Math.sqrt(Math.max(years, 2 * ONE_DAY_YEARS) / (7 * ONE_DAY_YEARS)));
        double profile = Math.exp(-0.5 * (k / width) * (k / width)) + 0.03;
        double roundBoost = leg.strike % (index.spec.strikeStep() * 10) == 0 ? 1.8
                : leg.strike % (index.spec.strikeStep() * 2) == 0 ? 1.2 : 1.0;
        boolean outOfTheMoney = leg.call() ? k > 0 : k < 0;
        double lots = 60_000.0 / Math.pow(1 + leg.expiry.rank, 1.2) * profile * roundBoost
                * (outOfTheMoney ? 1.4 : 0.5) * Math.exp(0.25 * random.nextGaussian());
        long prevOiLots = Math.max(1, Math.round(lots));
        leg.prevOi = prevOiLots * lot;
        leg.oi = Math.max(lot, Math.round(prevOiLots * Math.exp(0.08 * random.nextGaussian())) * lot);
        leg.oiDayHigh = Math.max(leg.oi, leg.prevOi);
        leg.oiDayLow = Math.min(leg.oi, leg.prevOi);
        double turnover = (leg.expiry.rank == 0 ? 4 : 1) * (0.5 + 2.5 * random.nextDouble());
        leg.prevVolume = Math.round(prevOiLots * turnover) * lot;
        leg.volume = Math.round(leg.prevVolume / (double) lot * (0.2 + 0.4 * random.nextDouble())) * lot;

        quote(leg, model, k, years);
        leg.ltp = random.nextBoolean() ? leg.askPrice[0] : leg.bidPrice[0];
        leg.ltq = lot * (1 + random.nextInt(10));
        leg.ltt = now.getEpochSecond();
        leg.atp = roundTick(Math.max(TICK, model * (1 + 0.02 * random.nextGaussian())));
        leg.notional = leg.atp * leg.volume;
        leg.open = floorTick(leg.prevClose * Math.exp(0.05 * random.nextGaussian()));
        leg.high = roundTick(Math.max(leg.open, leg.ltp) * (1 + 0.04 * Math.abs(random.nextGaussian())));
        leg.low = floorTick(Math.min(leg.open, leg.ltp) * (1 - 0.04 * Math.abs(random.nextGaussian())));
    }

    private void tick(Instant at) {
        now = at;
        ticks++;
        changedCount = 0;
        double dt = tickNanos / 1e9;
        for (SimIndex index : indices) {
            moveIndex(index, dt);
            tradeLegs(index);
        }
        listener.onTick(changed, changedCount);
    }

    private void moveIndex(SimIndex index, double dtSeconds) {
        double sigma = index.spec.atmVol() + index.volShift;
        double dt = dtSeconds / TRADING_SECONDS_PER_YEAR;
        index.spot *= Math.exp(-0.5 * sigma * sigma * dt + sigma * Math.sqrt(dt) * random.nextGaussian());
        // Mean-reverting, so the smile drifts by a point or so over minutes but never runs away.
        index.volShift = Math.max(-0.03, Math.min(0.03,
                index.volShift * (1 - 0.002) + 0.0003 * random.nextGaussian()));
        index.ltp = roundTick(index.spot);
        index.high = Math.max(index.high, index.ltp);
        index.low = Math.min(index.low, index.ltp);
        index.ltt = now.getEpochSecond();
        markChanged(index);
    }

    /**
     * Trades {@code legUpdatesPerTick} legs of the index, spread over its expiries in proportion to
     * {@code 1 / (1 + rank)}; within an expiry the strike is drawn from a Laplace distribution around the
     * money (scale 1.5% of spot), with one draw in six uniform over all strikes so far legs stay alive.
     */
    private void tradeLegs(SimIndex index) {
        List<SimExpiry> expiries = index.expiries;
        double weights = 0;
        for (SimExpiry e : expiries) {
            weights += 1.0 / (1 + e.rank);
        }
        double scale = 0.015 * index.spot / index.spec.strikeStep();
        for (SimExpiry expiry : expiries) {
            double share = legUpdatesPerTick / (1.0 + expiry.rank) / weights;
            int count = (int) share + (random.nextDouble() < share - (int) share ? 1 : 0);
            if (!expiry.close.isAfter(now)) {
                continue;
            }
            int atm = expiry.nearestStrikeIndex(forward(index, years(expiry)));
            for (int n = 0; n < count; n++) {
                int i;
                if (random.nextInt(6) == 0) {
                    i = random.nextInt(expiry.strikes.length);
                } else {
                    double offset = -scale * Math.log(1 - random.nextDouble());
                    i = atm + (int) Math.round(random.nextBoolean() ? offset : -offset);
                    i = Math.max(0, Math.min(expiry.strikes.length - 1, i));
                }
                trade(random.nextBoolean() ? expiry.calls[i] : expiry.puts[i]);
            }
        }
    }

    private void trade(SimLeg leg) {
        double years = years(leg.expiry);
        if (years <= 0) {
            return;
        }
        SimIndex index = leg.expiry.index;
        int lot = index.spec.lotSize();
        double model = model(leg);
        quote(leg, model, Math.log(leg.strike / forward(index, years)), years);
        leg.ltp = random.nextBoolean() ? leg.askPrice[0] : leg.bidPrice[0];
        int lots = 1;
        while (lots < 40 && random.nextDouble() < 0.65) {
            lots++;
        }
        leg.ltq = lots * lot;
        leg.ltt = now.getEpochSecond();
        leg.volume += leg.ltq;
        leg.notional += leg.ltp * leg.ltq;
        leg.atp = roundTick(leg.notional / leg.volume);
        leg.high = Math.max(leg.high, leg.ltp);
        leg.low = Math.min(leg.low, leg.ltp);
        long oiLots = leg.oi / lot + Math.round(1.5 * random.nextGaussian() + 0.2);
        leg.oi = Math.max(0, oiLots) * lot;
        leg.oiDayHigh = Math.max(leg.oiDayHigh, leg.oi);
        leg.oiDayLow = Math.min(leg.oiDayLow, leg.oi);
        markChanged(leg);
    }

    /**
     * A bid/ask around the model price on the 0.05 tick, the spread widening with moneyness and time
     * (one or two ticks at the money), and five depth levels behind it.
     */
    private void quote(SimLeg leg, double model, double logMoneyness, double years) {
        int lot = leg.expiry.index.spec.lotSize();
        double relative = (0.0006 + 0.35 * logMoneyness * logMoneyness) * (1 + 1.5 * Math.sqrt(years));
        long spreadTicks = Math.max(1, Math.min(400, Math.round(model * relative / TICK)));
        long bidTicks = Math.max(1, (long) Math.floor((model - spreadTicks * TICK / 2) / TICK + 1e-9));
        long askTicks = bidTicks + spreadTicks;
        long totalBid = 0;
        long totalAsk = 0;
        for (int level = 0; level < SimInstrument.DEPTH; level++) {
            if (bidTicks >= 1) {
                leg.bidPrice[level] = price(bidTicks);
                leg.bidQty[level] = lot * (1 + random.nextInt(30));
                leg.bidOrders[level] = 1 + leg.bidQty[level] / lot / 3 + random.nextInt(3);
            } else {
                leg.bidPrice[level] = 0;
                leg.bidQty[level] = 0;
                leg.bidOrders[level] = 0;
            }
            leg.askPrice[level] = price(askTicks);
            leg.askQty[level] = lot * (1 + random.nextInt(30));
            leg.askOrders[level] = 1 + leg.askQty[level] / lot / 3 + random.nextInt(3);
            totalBid += leg.bidQty[level];
            totalAsk += leg.askQty[level];
            bidTicks -= 1 + random.nextInt(2);
            askTicks += 1 + random.nextInt(2);
        }
        leg.totalBuyQty = totalBid * (3 + random.nextInt(8));
        leg.totalSellQty = totalAsk * (3 + random.nextInt(8));
    }

    private void markChanged(SimInstrument instrument) {
        if (instrument.changedInTick != ticks) {
            instrument.changedInTick = ticks;
            changed[changedCount++] = instrument.ordinal;
        }
    }

    /** Years to the expiry's 15:30 IST close, ACT/365. */
    private double years(SimExpiry expiry) {
        return Duration.between(now, expiry.close).toMillis() / 1000.0 / SECONDS_PER_YEAR;
    }

    private double forward(SimIndex index, double years) {
        return index.spot * Math.exp(rate * years);
    }

    private double model(SimLeg leg) {
        double years = years(leg.expiry);
        double forward = forward(leg.expiry.index, years);
        double vol = vol(leg.expiry.index, years, Math.log(leg.strike / forward));
        return Black76.price(leg.call(), forward, leg.strike, Math.max(years, 0), rate, vol);
    }

    /**
     * The smile: quadratic in log-moneyness normalised to a month ({@code k / sqrt(T / 30d)}), so a weekly's
     * smile is as steep per standard deviation as a monthly's; the at-the-money level rises slightly with
     * maturity.
     */
    private static double vol(SimIndex index, double years, double logMoneyness) {
        double months = Math.max(years, ONE_DAY_YEARS) / (30 * ONE_DAY_YEARS);
        double x = logMoneyness / Math.sqrt(months);
        IndexSpec spec = index.spec;
        double atm = spec.atmVol() * (1 + 0.03 * Math.log(months)) + index.volShift;
        return Math.max(0.04, Math.min(1.5, atm + spec.skew() * x + spec.curvature() * x * x));
    }

    private SimulatedChain.Leg view(SimLeg leg, double forward, double years) {
        double vol = vol(leg.expiry.index, years, Math.log(leg.strike / forward));
        boolean live = years > 0;
        return new SimulatedChain.Leg(leg.securityId, leg.ltp, leg.atp, leg.bidPrice[0], leg.bidQty[0],
                leg.askPrice[0], leg.askQty[0], leg.volume, leg.oi, leg.prevClose, leg.prevOi, leg.prevVolume,
                live ? vol * 100 : 0,
                live ? Black76.delta(leg.call(), forward, leg.strike, years, rate, vol) : 0,
                live ? Black76.theta(leg.call(), forward, leg.strike, years, rate, vol) : 0,
                live ? Black76.gamma(forward, leg.strike, years, rate, vol) : 0,
                live ? Black76.vega(forward, leg.strike, years, rate, vol) : 0);
    }

    public static double roundTick(double price) {
        return price(Math.round(price / TICK));
    }

    /** Rounded down to the tick, never below one tick: an exchange quote is at least 0.05. */
    static double floorTick(double price) {
        return price(Math.max(1, (long) Math.floor(price / TICK + 1e-9)));
    }

    /** A whole number of 0.05 ticks as the nearest double to its decimal value (112.35, not 112.35000000000001). */
    static double price(long ticks) {
        return ticks * 5 / 100.0;
    }
}
