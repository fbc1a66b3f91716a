package com.livechain.simulator.market;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.livechain.analytics.Black76;
import com.livechain.market.MarketHours;

/**
 * The simulated market's past: five years of sessions before the day the simulator started, each index's daily
 * closes and at-the-money volatility, minute by minute, from which the chart endpoints answer (protocol §7).
 *
 * <p>Deterministic: the seed and the start day fix every number, so the same request always gets the same answer.
 * The past ends where the present begins: the last session's close is the index's previous close in the live
 * market, and the volatility level on that day is the live smile's ({@link SimulatedMarket}'s at-the-money level
 * with no drift yet). Walking back from there, each index follows geometric Brownian motion whose volatility is its
 * own at-the-money IV, and the log of that IV level follows an Ornstein-Uhlenbeck process (mean reversion over about
 * {@value #MEAN_REVERSION_DAYS} sessions, spread {@value #LOG_VOL_SPREAD}), so a year of IV history has a range to
 * rank in. Walking backwards is legitimate: both processes are time-reversible in law.
 *
 * <p>Inside a session (09:15 to 15:30 IST, 375 minutes) the index runs a Brownian bridge from the day's open to its
 * close, and the IV level moves linearly from the previous session's to the day's. Options are priced with Black-76
 * on the same smile as the live chain, at the strike nearest the index (the "ATM" of the rolling series).
 *
 * <p>Not thread-confined: immutable after construction.
 */
public final class SimulatedPast {

    /** Which days had a session. The one seam where the exchange calendar can replace the simulator's own. */
    @FunctionalInterface
    public interface Sessions {
        boolean isTradingDay(LocalDate date);
    }

    /**
     * Weekdays except the 2026 NSE/BSE trading holidays (protocol §11.1, NSE/CMTR/71775 and CMTR/72260); other
     * years know weekends only.
     */
    public static final Sessions WEEKDAYS_AND_2026_HOLIDAYS = new Sessions() {
        private final Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 26),
                LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 26), LocalDate.of(2026, 3, 31),
                LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 14), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 28), LocalDate.of(2026, 6, 26), LocalDate.of(2026, 9, 14),
                LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 10),
                LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 25));

        @Override
        public boolean isTradingDay(LocalDate date) {
            DayOfWeek day = date.getDayOfWeek();
            return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
        }
    };

    /** Minutes in a session, 09:15 to 15:30. */
    public static final int SESSION_MINUTES = 375;
    /** Dhan's history goes back five years (protocol §7.2, §7.5). */
    static final int YEARS = 5;
    static final int MEAN_REVERSION_DAYS = 20;
    static final double LOG_VOL_SPREAD = 0.18;
    private static final double ONE_DAY_YEARS = 1.0 / 365;
    private static final double SECONDS_PER_YEAR = 365.0 * 86400;
    private static final double TRADING_DAYS = 252;

    private static final long DAILY = 0x5DA1L;
    private static final long INTRADAY = 0x1D4AL;
    private static final long FLOW = 0xF10FL;

    /** The bars of one answer, as parallel arrays; a series not produced is null. */
    public record Bars(long[] timestamps, double[] open, double[] high, double[] low, double[] close,
                       double[] volume, double[] oi, double[] iv, double[] strike, double[] spot) {

        public static final Bars EMPTY = new Bars(new long[0], new double[0], new double[0], new double[0], new double[0],
                new double[0], new double[0], new double[0], new double[0], new double[0]);

        public int size() {
            return timestamps.length;
        }
    }

    /** One index's past: its sessions ascending, each with its close and log IV level. */
    private record History(IndexSpec spec, long[] epochDays, double[] close, double[] logVol, int lotSize) {

        int indexOf(LocalDate day) {
            return Arrays.binarySearch(epochDays, day.toEpochDay());
        }
    }

    private final long seed;
    private final double rate;
    private final Sessions sessions;
    private final LocalDate today;
    private final Map<String, History> histories = new HashMap<>();

    /**
     * The past of {@code market} as it stands now (call before it ticks, as the simulator does on start): its
     * day and each index's previous close anchor the past.
     */
    public SimulatedPast(SimulatedMarket market, long seed, Sessions sessions) {
        this.seed = seed;
        this.rate = market.rate();
        this.sessions = sessions;
        this.today = MarketHours.today(market.now());
        for (SimIndex index : market.indices()) {
            double prevClose;
            synchronized (market) {
                prevClose = index.prevClose;
            }
            histories.put(index.spec.symbol(), history(index.spec, prevClose));
        }
    }

    /** The day the simulator started: its past ends the session before. */
    public LocalDate today() {
        return today;
    }

    public boolean isTradingDay(LocalDate date) {
        return sessions.isTradingDay(date);
    }

    /** Whether the index has a session on {@code day} in the past this simulator knows. */
    public boolean hasSession(String symbol, LocalDate day) {
        History h = histories.get(symbol);
        return h != null && h.indexOf(day) >= 0;
    }

    /** The index's close on a past session, or NaN when there was none. */
    public double close(String symbol, LocalDate day) {
        History h = histories.get(symbol);
        int i = h == null ? -1 : h.indexOf(day);
        return i < 0 ? Double.NaN : h.close[i];
    }

    /** The index's at-the-money IV level (a fraction) at a session's close, or NaN when there was none. */
    public double volLevel(String symbol, LocalDate day) {
        History h = histories.get(symbol);
        int i = h == null ? -1 : h.indexOf(day);
        return i < 0 ? Double.NaN : h.spec.atmVol() * Math.exp(h.logVol[i]);
    }

    /**
     * The expiry an ATM-relative series reads on {@code day}: the {@code code}-th (1 = nearest) monthly, or weekly,
     * expiry not yet closed that day, by the simulator's own expiry rule ({@link ExpiryCalendar}: the last expiry
     * weekday of the month, every expiry weekday for weeklies; no holiday shifts). On an expiry day the nearest is
     * the one expiring that afternoon. Null for weeklies of an index that lists none.
     */
    public LocalDate expiry(IndexSpec spec, boolean weekly, int code, LocalDate day) {
        if (weekly) {
            if (spec.weeklyDay() == null) {
                return null;
            }
            return day.with(TemporalAdjusters.nextOrSame(spec.weeklyDay())).plusWeeks(code - 1L);
        }
        YearMonth month = YearMonth.from(day);
        if (ExpiryCalendar.lastWeekday(month, spec.monthlyDay()).isBefore(day)) {
            month = month.plusMonths(1);
        }
        return ExpiryCalendar.lastWeekday(month.plusMonths(code - 1L), spec.monthlyDay());
    }

    /**
     * The rolling series of one ATM-relative option over the sessions from {@code from} to {@code to} inclusive:
     * {@code offset} strikes from the money (0 = ATM), of the {@code code}-th weekly or monthly expiry, in bars of
     * {@code interval} minutes. Empty for an index or flag without such expiries.
     */
    public Bars rolling(String symbol, boolean weekly, int code, int offset, boolean call, int interval,
                        LocalDate from, LocalDate to) {
        History h = histories.get(symbol);
        if (h == null || (weekly && h.spec.weeklyDay() == null)) {
            return Bars.EMPTY;
        }
        Builder out = new Builder(true);
        int step = h.spec.strikeStep();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            int d = h.indexOf(day);
            if (d < 0) {
                continue;
            }
            LocalDate expiry = expiry(h.spec, weekly, code, day);
            long close = MarketHours.expiryClose(expiry).getEpochSecond();
            double[] path = path(h, d);
            long open = day.atTime(MarketHours.OPEN).atZone(MarketHours.IST).toEpochSecond();
            SplittableRandom flow = random(h.spec.symbol(), day, FLOW ^ (code * 31L + offset) * 2 + (call ? 1 : 0));
            long lots = Math.max(1, Math.round(30_000.0 / code * Math.exp(-0.2 * Math.abs(offset))
                    * Math.exp(0.2 * flow.nextGaussian())));
            for (int m0 = 0; m0 < SESSION_MINUTES; m0 += interval) {
                int m1 = Math.min(m0 + interval, SESSION_MINUTES);
                double strikeAtEnd = atm(path[m1], step) + (double) offset * step;
                double strikeAtStart = atm(path[m0], step) + (double) offset * step;
                double first = price(h, d, path, m0, strikeAtStart, close, open, call);
                double high = first;
                double low = first;
                double last = first;
                for (int m = m0 + 1; m <= m1; m++) {
                    last = price(h, d, path, m, strikeAtEnd, close, open, call);
                    high = Math.max(high, last);
                    low = Math.min(low, last);
                }
                double years = years(open + m1 * 60L, close);
                double vol = vol(h.spec, level(h, d, m1), years, Math.log(strikeAtEnd / forward(path[m1], years)));
                lots = Math.max(1, lots + Math.round(interval * (0.3 + 2 * flow.nextGaussian())));
                long volumeLots = Math.round(interval * (20 + 10 * Math.abs(flow.nextGaussian())) / code
                        / (1 + 0.3 * Math.abs(offset)));
                out.add(open + m0 * 60L, SimulatedMarket.floorTick(first), SimulatedMarket.floorTick(high),
                        SimulatedMarket.floorTick(low), SimulatedMarket.floorTick(last),
                        (double) volumeLots * h.lotSize, (double) lots * h.lotSize,
                        Math.round(vol * 100 * 100) / 100.0, strikeAtEnd, SimulatedMarket.roundTick(path[m1]));
            }
        }
        return out.build();
    }

    /** Candles of the index itself between two instants (bar starts in [fromEpoch, toEpoch]); volume 0 as for an index. */
    public Bars indexCandles(String symbol, int interval, long fromEpoch, long toEpoch) {
        History h = histories.get(symbol);
        if (h == null) {
            return Bars.EMPTY;
        }
        Builder out = new Builder(false);
        for (LocalDate day : sessionsBetween(h, fromEpoch, toEpoch)) {
            int d = h.indexOf(day);
            double[] path = path(h, d);
            long open = day.atTime(MarketHours.OPEN).atZone(MarketHours.IST).toEpochSecond();
            for (int m0 = 0; m0 < SESSION_MINUTES; m0 += interval) {
                long start = open + m0 * 60L;
                if (start < fromEpoch || start > toEpoch) {
                    continue;
                }
                int m1 = Math.min(m0 + interval, SESSION_MINUTES);
                double high = path[m0];
                double low = path[m0];
                for (int m = m0 + 1; m <= m1; m++) {
                    high = Math.max(high, path[m]);
                    low = Math.min(low, path[m]);
                }
                out.add(start, SimulatedMarket.roundTick(path[m0]), SimulatedMarket.roundTick(high),
                        SimulatedMarket.roundTick(low), SimulatedMarket.roundTick(path[m1]), 0, 0, 0, 0, 0);
            }
        }
        return out.build();
    }

    /**
     * Candles of one listed option (its own strike and expiry) between two instants; no bars after its expiry.
     * Open interest drifts from its level in the live market's previous session.
     */
    public Bars optionCandles(SimLeg leg, int interval, long fromEpoch, long toEpoch) {
        History h = histories.get(leg.expiry.index.spec.symbol());
        if (h == null) {
            return Bars.EMPTY;
        }
        long close = MarketHours.expiryClose(leg.expiry.date).getEpochSecond();
        Builder out = new Builder(false);
        for (LocalDate day : sessionsBetween(h, fromEpoch, toEpoch)) {
            if (day.isAfter(leg.expiry.date)) {
                break;
            }
            int d = h.indexOf(day);
            double[] path = path(h, d);
            long open = day.atTime(MarketHours.OPEN).atZone(MarketHours.IST).toEpochSecond();
            SplittableRandom flow = random(h.spec.symbol(), day, FLOW ^ leg.securityId);
            long lots = Math.max(1, Math.round(2_000 * Math.exp(-20 * Math.abs(Math.log(leg.strike / path[0])))
                    * Math.exp(0.3 * flow.nextGaussian())));
            for (int m0 = 0; m0 < SESSION_MINUTES; m0 += interval) {
                long start = open + m0 * 60L;
                int m1 = Math.min(m0 + interval, SESSION_MINUTES);
                lots = Math.max(0, lots + Math.round(interval * (0.1 + 0.8 * flow.nextGaussian())));
                if (start < fromEpoch || start > toEpoch) {
                    continue;
                }
                double first = price(h, d, path, m0, leg.strike, close, open, leg.call());
                double high = first;
                double low = first;
                double last = first;
                for (int m = m0 + 1; m <= m1; m++) {
                    last = price(h, d, path, m, leg.strike, close, open, leg.call());
                    high = Math.max(high, last);
                    low = Math.min(low, last);
                }
                long volumeLots = Math.round(interval * 3 * Math.abs(flow.nextGaussian()));
                out.add(start, SimulatedMarket.floorTick(first), SimulatedMarket.floorTick(high),
                        SimulatedMarket.floorTick(low), SimulatedMarket.floorTick(last),
                        (double) volumeLots * h.lotSize, (double) lots * h.lotSize, 0, 0, 0);
            }
        }
        return out.build();
    }

    /**
     * The live chain's smile ({@link SimulatedMarket}'s {@code vol}) with the at-the-money level {@code base} in
     * place of the index's configured level plus its drift: quadratic in log-moneyness normalised to a month.
     */
    static double vol(IndexSpec spec, double base, double years, double logMoneyness) {
        double months = Math.max(years, ONE_DAY_YEARS) / (30 * ONE_DAY_YEARS);
        double x = logMoneyness / Math.sqrt(months);
        double atm = base * (1 + 0.03 * Math.log(months));
        return Math.max(0.04, Math.min(1.5, atm + spec.skew() * x + spec.curvature() * x * x));
    }

    private History history(IndexSpec spec, double prevClose) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = today.minusYears(YEARS); day.isBefore(today); day = day.plusDays(1)) {
            if (sessions.isTradingDay(day)) {
                days.add(day);
            }
        }
        int n = days.size();
        long[] epochDays = new long[n];
        double[] close = new double[n];
        double[] logVol = new double[n];
        for (int i = 0; i < n; i++) {
            epochDays[i] = days.get(i).toEpochDay();
        }
        double phi = Math.exp(-1.0 / MEAN_REVERSION_DAYS);
        double shock = LOG_VOL_SPREAD * Math.sqrt(1 - phi * phi);
        if (n > 0) {
            close[n - 1] = prevClose;
            logVol[n - 1] = 0;
        }
        for (int j = n - 1; j > 0; j--) {
            SplittableRandom random = random(spec.symbol(), days.get(j), DAILY);
            double sigma = spec.atmVol() * Math.exp(logVol[j]);
            double r = -0.5 * sigma * sigma / TRADING_DAYS + sigma / Math.sqrt(TRADING_DAYS) * random.nextGaussian();
            close[j - 1] = close[j] / Math.exp(r);
            logVol[j - 1] = phi * logVol[j] + shock * random.nextGaussian();
        }
        return new History(spec, epochDays, close, logVol, spec.lotSize());
    }

    /** The index's level at each minute of session {@code d}: [0] the open at 09:15, [375] the close at 15:30. */
    private double[] path(History h, int d) {
        LocalDate day = LocalDate.ofEpochDay(h.epochDays[d]);
        SplittableRandom random = random(h.spec.symbol(), day, INTRADAY);
        double sigma = h.spec.atmVol() * Math.exp(h.logVol[d]);
        double close = h.close[d];
        double previous = d > 0 ? h.close[d - 1] : close;
        double open = previous * Math.exp(0.25 * sigma / Math.sqrt(TRADING_DAYS) * random.nextGaussian());
        double perMinute = sigma / Math.sqrt(TRADING_DAYS * SESSION_MINUTES);
        double[] walk = new double[SESSION_MINUTES + 1];
        for (int i = 1; i <= SESSION_MINUTES; i++) {
            walk[i] = walk[i - 1] + perMinute * random.nextGaussian();
        }
        double[] path = new double[SESSION_MINUTES + 1];
        double logOpen = Math.log(open);
        double drift = Math.log(close) - logOpen;
        for (int i = 0; i <= SESSION_MINUTES; i++) {
            double t = (double) i / SESSION_MINUTES;
            path[i] = Math.exp(logOpen + t * drift + walk[i] - t * walk[SESSION_MINUTES]);
        }
        path[SESSION_MINUTES] = close;
        return path;
    }

    /** The at-the-money IV level (a fraction) at minute {@code m} of session {@code d}. */
    private static double level(History h, int d, int m) {
        double previous = d > 0 ? h.logVol[d - 1] : h.logVol[d];
        double x = previous + (h.logVol[d] - previous) * m / SESSION_MINUTES;
        return h.spec.atmVol() * Math.exp(x);
    }

    private double price(History h, int d, double[] path, int m, double strike, long expiryClose, long sessionOpen,
                         boolean call) {
        double years = years(sessionOpen + m * 60L, expiryClose);
        double forward = forward(path[m], years);
        double vol = vol(h.spec, level(h, d, m), years, Math.log(strike / forward));
        return Black76.price(call, forward, strike, Math.max(years, 0), rate, vol);
    }

    private double forward(double spot, double years) {
        return spot * Math.exp(rate * Math.max(years, 0));
    }

    private static double years(long epochSecond, long expiryClose) {
        return (expiryClose - epochSecond) / SECONDS_PER_YEAR;
    }

    private static double atm(double level, int step) {
        return Math.round(level / step) * (double) step;
    }

    private static List<LocalDate> sessionsBetween(History h, long fromEpoch, long toEpoch) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate from = MarketHours.today(java.time.Instant.ofEpochSecond(fromEpoch));
        LocalDate to = MarketHours.today(java.time.Instant.ofEpochSecond(toEpoch));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (h.indexOf(day) >= 0) {
                days.add(day);
            }
        }
        return days;
    }

    /** A generator for one (index, day, purpose): any day can be drawn without drawing the ones before it. */
    private SplittableRandom random(String symbol, LocalDate day, long salt) {
        return new SplittableRandom(mix(mix(mix(seed) ^ symbol.hashCode()) ^ day.toEpochDay() * 0x9E3779B97F4A7C15L ^ salt));
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Appends bars to growable arrays. */
    private static final class Builder {
        private final boolean rolling;
        private int n;
        private long[] timestamps = new long[64];
        private double[][] columns = new double[9][64];

        Builder(boolean rolling) {
            this.rolling = rolling;
        }

        void add(long timestamp, double open, double high, double low, double close, double volume, double oi,
                 double iv, double strike, double spot) {
            if (n == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, n * 2);
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = Arrays.copyOf(columns[c], n * 2);
                }
            }
            timestamps[n] = timestamp;
            double[] row = {open, high, low, close, volume, oi, iv, strike, spot};
            for (int c = 0; c < row.length; c++) {
                columns[c][n] = row[c];
            }
            n++;
        }

        Bars build() {
            double[][] c = new double[columns.length][];
            for (int i = 0; i < columns.length; i++) {
                c[i] = Arrays.copyOf(columns[i], n);
            }
            return new Bars(Arrays.copyOf(timestamps, n), c[0], c[1], c[2], c[3], c[4], c[5],
                    rolling ? c[6] : null, rolling ? c[7] : null, rolling ? c[8] : null);
        }
    }
}
