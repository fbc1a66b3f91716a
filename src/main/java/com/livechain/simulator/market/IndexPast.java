package com.livechain.simulator.market;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import com.livechain.market.MarketHours;

/**
 * One index's simulated past, session by session: each session's close and log IV level, walked back from the live
 * market's previous close, and the index's level at every minute of a session. The prices of its options are
 * {@link SimulatedPast}'s; this class draws only the index and its volatility level.
 *
 * <p>Each session's close is one step of geometric Brownian motion whose volatility is the index's own at-the-money
 * IV, and the log of that IV level follows an Ornstein-Uhlenbeck process (mean reversion over about
 * {@value #MEAN_REVERSION_DAYS} sessions, spread {@value #LOG_VOL_SPREAD}); inside a session the index runs a
 * Brownian bridge from the day's open to its close, and the IV level moves linearly from the previous session's to
 * the day's.
 *
 * <p>Deterministic: every draw comes from a generator of its own (index, day, purpose), so any day can be drawn
 * without drawing the ones before it. Immutable after construction.
 */
final class IndexPast {

    /** Minutes in a session, 09:15 to 15:30. */
    static final int SESSION_MINUTES = 375;
    static final int MEAN_REVERSION_DAYS = 20;
    static final double LOG_VOL_SPREAD = 0.18;
    private static final double TRADING_DAYS = 252;

    private static final long DAILY = 0x5DA1L;
    private static final long INTRADAY = 0x1D4AL;
    /** Salt of the draws of volume and open interest, which {@link SimulatedPast} makes with {@link #random}. */
    static final long FLOW = 0xF10FL;

    final IndexSpec spec;
    final int lotSize;
    private final long seed;
    private final long[] epochDays;
    private final double[] close;
    private final double[] logVol;

    /**
     * The sessions of {@code years} years before {@code today} that {@code sessions} says traded, the last one
     * closing at {@code prevClose} with the index's configured IV level.
     */
    IndexPast(IndexSpec spec, double prevClose, LocalDate today, int years, SimulatedPast.Sessions sessions, long seed) {
        this.spec = spec;
        this.lotSize = spec.lotSize();
        this.seed = seed;
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = today.minusYears(years); day.isBefore(today); day = day.plusDays(1)) {
            if (sessions.isTradingDay(day)) {
                days.add(day);
            }
        }
        int n = days.size();
        epochDays = new long[n];
        close = new double[n];
        logVol = new double[n];
        for (int i = 0; i < n; i++) {
            epochDays[i] = days.get(i).toEpochDay();
        }
        double phi = Math.exp(-1.0 / MEAN_REVERSION_DAYS);
        double shock = LOG_VOL_SPREAD * Math.sqrt(1 - phi * phi);
        if (n > 0) {
            close[n - 1] = prevClose;
            logVol[n - 1] = 0;
        }
        // Walking backwards is legitimate: both processes are time-reversible in law.
        for (int j = n - 1; j > 0; j--) {
            SplittableRandom random = random(days.get(j), DAILY);
            double sigma = spec.atmVol() * Math.exp(logVol[j]);
            double r = -0.5 * sigma * sigma / TRADING_DAYS + sigma / Math.sqrt(TRADING_DAYS) * random.nextGaussian();
            close[j - 1] = close[j] / Math.exp(r);
            logVol[j - 1] = phi * logVol[j] + shock * random.nextGaussian();
        }
    }

    /** The session's index among this past's sessions, negative when {@code day} had none. */
    int indexOf(LocalDate day) {
        return Arrays.binarySearch(epochDays, day.toEpochDay());
    }

    /** The close of session {@code d}. */
    double close(int d) {
        return close[d];
    }

    /** The at-the-money IV level (a fraction) at the close of session {@code d}. */
    double volLevel(int d) {
        return spec.atmVol() * Math.exp(logVol[d]);
    }

    /** The index's level at each minute of session {@code d}: [0] the open at 09:15, [375] the close at 15:30. */
    double[] path(int d) {
        LocalDate day = LocalDate.ofEpochDay(epochDays[d]);
        SplittableRandom random = random(day, INTRADAY);
        double sigma = spec.atmVol() * Math.exp(logVol[d]);
        double dayClose = close[d];
        double previous = d > 0 ? close[d - 1] : dayClose;
        double open = previous * Math.exp(0.25 * sigma / Math.sqrt(TRADING_DAYS) * random.nextGaussian());
        double perMinute = sigma / Math.sqrt(TRADING_DAYS * SESSION_MINUTES);
        double[] walk = new double[SESSION_MINUTES + 1];
        for (int i = 1; i <= SESSION_MINUTES; i++) {
            walk[i] = walk[i - 1] + perMinute * random.nextGaussian();
        }
        double[] path = new double[SESSION_MINUTES + 1];
        double logOpen = Math.log(open);
        double drift = Math.log(dayClose) - logOpen;
        for (int i = 0; i <= SESSION_MINUTES; i++) {
            double t = (double) i / SESSION_MINUTES;
            path[i] = Math.exp(logOpen + t * drift + walk[i] - t * walk[SESSION_MINUTES]);
        }
        path[SESSION_MINUTES] = dayClose;
        return path;
    }

    /** The at-the-money IV level (a fraction) at minute {@code m} of session {@code d}. */
    double level(int d, int m) {
        double previous = d > 0 ? logVol[d - 1] : logVol[d];
        double x = previous + (logVol[d] - previous) * m / SESSION_MINUTES;
        return spec.atmVol() * Math.exp(x);
    }

    /** The days between two instants (IST dates, both inclusive) on which the index had a session. */
    List<LocalDate> sessionsBetween(long fromEpoch, long toEpoch) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate from = MarketHours.today(Instant.ofEpochSecond(fromEpoch));
        LocalDate to = MarketHours.today(Instant.ofEpochSecond(toEpoch));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (indexOf(day) >= 0) {
                days.add(day);
            }
        }
        return days;
    }

    /** A generator for one (index, day, purpose): any day can be drawn without drawing the ones before it. */
    SplittableRandom random(LocalDate day, long salt) {
        return new SplittableRandom(mix(mix(mix(seed) ^ spec.symbol().hashCode()) ^ day.toEpochDay() * 0x9E3779B97F4A7C15L ^ salt));
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
