package com.livechain.simulator.market;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.livechain.analytics.Black76;

/**
 * How prices move, from one seeded random stream (the same seed gives the same market, draw for draw): the
 * opening state of each index and leg, then per tick every index on geometric Brownian motion and a random
 * subset of its options "traded", drawn mostly near the money: those legs get a fresh model price, a new
 * bid/ask and depth around it, a trade at the bid or the ask, volume and an open-interest change. Legs not
 * drawn keep their last quote, as on an exchange where the feed sends only what changed.
 */
final class PricePath {

    static final double TICK = 0.05;
    /** Trading seconds in a year (252 days of 6 h 15 min): the clock the index volatility runs on. */
    private static final double TRADING_SECONDS_PER_YEAR = 252.0 * 6.25 * 3600;

    private final SplittableRandom random;
    private final OptionModel model;
    private final double tickSeconds;
    private final int legUpdatesPerTick;

    PricePath(long seed, OptionModel model, double tickSeconds, int legUpdatesPerTick) {
        this.random = new SplittableRandom(seed);
        this.model = model;
        this.tickSeconds = tickSeconds;
        this.legUpdatesPerTick = legUpdatesPerTick;
    }

    void openIndex(SimIndex index, Instant now) {
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

    void openLeg(SimLeg leg, Instant now) {
        SimIndex index = leg.expiry.index;
        int lot = index.spec.lotSize();
        double years = OptionModel.years(leg.expiry, now);
        double premium = model.model(leg, now);
        double prevYears = years + OptionModel.ONE_DAY_YEARS;
        double prevForward = index.prevSpot * Math.exp(model.rate * prevYears);
        double prevVol = OptionModel.vol(index, prevYears, Math.log(leg.strike / prevForward));
        leg.prevClose = floorTick(Black76.price(leg.call(), prevForward, leg.strike, prevYears, model.rate, prevVol));

        double k = Math.log(leg.strike / model.forward(index, years));
        double width = Math.min(0.15, 0.03 * Math.sqrt(Math.max(years, 2 * OptionModel.ONE_DAY_YEARS)
                / (7 * OptionModel.ONE_DAY_YEARS)));
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

        quote(leg, premium, k, years);
        leg.ltp = random.nextBoolean() ? leg.askPrice[0] : leg.bidPrice[0];
        leg.ltq = lot * (1 + random.nextInt(10));
        leg.ltt = now.getEpochSecond();
        leg.atp = roundTick(Math.max(TICK, premium * (1 + 0.02 * random.nextGaussian())));
        leg.notional = leg.atp * leg.volume;
        leg.open = floorTick(leg.prevClose * Math.exp(0.05 * random.nextGaussian()));
        leg.high = roundTick(Math.max(leg.open, leg.ltp) * (1 + 0.04 * Math.abs(random.nextGaussian())));
        leg.low = floorTick(Math.min(leg.open, leg.ltp) * (1 - 0.04 * Math.abs(random.nextGaussian())));
    }

    /** One tick at {@code now}: every index moves and trades some of its legs; each is handed to {@code changed}. */
    void tick(List<SimIndex> indices, Instant now, Consumer<SimInstrument> changed) {
        for (SimIndex index : indices) {
            moveIndex(index, now);
            changed.accept(index);
            tradeLegs(index, now, changed);
        }
    }

    private void moveIndex(SimIndex index, Instant now) {
        double sigma = index.spec.atmVol() + index.volShift;
        double dt = tickSeconds / TRADING_SECONDS_PER_YEAR;
        index.spot *= Math.exp(-0.5 * sigma * sigma * dt + sigma * Math.sqrt(dt) * random.nextGaussian());
        // Mean-reverting, so the smile drifts by a point or so over minutes but never runs away.
        index.volShift = Math.max(-0.03, Math.min(0.03,
                index.volShift * (1 - 0.002) + 0.0003 * random.nextGaussian()));
        index.ltp = roundTick(index.spot);
        index.high = Math.max(index.high, index.ltp);
        index.low = Math.min(index.low, index.ltp);
        index.ltt = now.getEpochSecond();
    }

    /**
     * Trades {@code legUpdatesPerTick} legs of the index, spread over its expiries in proportion to
     * {@code 1 / (1 + rank)}; within an expiry the strike is drawn from a Laplace distribution around the
     * money (scale 1.5% of spot), with one draw in six uniform over all strikes so far legs stay alive.
     */
    private void tradeLegs(SimIndex index, Instant now, Consumer<SimInstrument> changed) {
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
            int atm = expiry.nearestStrikeIndex(model.forward(index, OptionModel.years(expiry, now)));
            for (int n = 0; n < count; n++) {
                int i;
                if (random.nextInt(6) == 0) {
                    i = random.nextInt(expiry.strikes.length);
                } else {
                    double offset = -scale * Math.log(1 - random.nextDouble());
                    i = atm + (int) Math.round(random.nextBoolean() ? offset : -offset);
                    i = Math.max(0, Math.min(expiry.strikes.length - 1, i));
                }
                SimLeg leg = random.nextBoolean() ? expiry.calls[i] : expiry.puts[i];
                if (trade(leg, now)) {
                    changed.accept(leg);
                }
            }
        }
    }

    /** A trade on the leg at a fresh quote; {@code false} once its expiry has closed. */
    private boolean trade(SimLeg leg, Instant now) {
        double years = OptionModel.years(leg.expiry, now);
        if (years <= 0) {
            return false;
        }
        SimIndex index = leg.expiry.index;
        int lot = index.spec.lotSize();
        double premium = model.model(leg, now);
        quote(leg, premium, Math.log(leg.strike / model.forward(index, years)), years);
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
        return true;
    }

    /**
     * A bid/ask around the model price on the 0.05 tick, the spread widening with moneyness and time
     * (one or two ticks at the money), and five depth levels behind it.
     */
    private void quote(SimLeg leg, double premium, double logMoneyness, double years) {
        int lot = leg.expiry.index.spec.lotSize();
        double relative = (0.0006 + 0.35 * logMoneyness * logMoneyness) * (1 + 1.5 * Math.sqrt(years));
        long spreadTicks = Math.max(1, Math.min(400, Math.round(premium * relative / TICK)));
        long bidTicks = Math.max(1, (long) Math.floor((premium - spreadTicks * TICK / 2) / TICK + 1e-9));
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

    static double roundTick(double price) {
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
