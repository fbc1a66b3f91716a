package com.livechain.history.record;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.livechain.analytics.ExpiryClock;
import com.livechain.analytics.ExpiryFigures;
import com.livechain.analytics.OptionPremium;
import com.livechain.analytics.ReferenceExpiry;
import com.livechain.chain.ChainCache;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import com.livechain.history.store.ExpiryPoint;
import com.livechain.history.store.HistoryBatch;
import com.livechain.history.store.IvDay;
import com.livechain.history.store.LegPoint;
import com.livechain.history.store.Origin;
import com.livechain.history.store.StrikePoint;
import com.livechain.market.MarketHours;

/**
 * One interval's rows, read from the chain cache: per expiry of every underlying the figures of
 * {@link ExpiryFigures}; per strike, for the {@value #EXPIRIES_CHARTED} nearest expiries and
 * {@value #STRIKES_EACH_SIDE} strikes each side of the at-the-money strike, both legs' prices, IV, OI and volume;
 * per underlying, today's IV-history value ({@link ReferenceExpiry}).
 *
 * <p>Values are rounded and nulled exactly as {@code /options/live} shows them (prices to the paisa, a price of
 * 0 or never received is null, IV in percent to two decimals, PCR to four), so a recorded point reads back as
 * what the chain showed. Legs are only read ({@link Leg#read()}: a consistent copy), never written.
 */
public final class ChainRecording {

    /** Expiries of each underlying whose strikes are recorded: the weekly and the next one traders roll into. */
    public static final int EXPIRIES_CHARTED = 2;
    /** Strikes each side of ATM recorded per charted expiry: well past a day's move at NIFTY's 50-point step. */
    public static final int STRIKES_EACH_SIDE = 15;

    private final double rate;

    /** @param rate the Black-76 discount rate ({@code livechain.analytics.rate}), as the chain view uses */
    public ChainRecording(double rate) {
        this.rate = rate;
    }

    /**
     * @param t         the interval being recorded (its start)
     * @param nowMillis the clock now: time to expiry is measured from here, as the chain view does
     */
    public HistoryBatch record(ChainCache cache, MarketSource source, Instant t, long nowMillis) {
        List<ExpiryPoint> expiries = new ArrayList<>();
        List<StrikePoint> strikes = new ArrayList<>();
        List<IvDay> days = new ArrayList<>();
        LocalDate today = MarketHours.today(t);
        for (Underlying underlying : cache.underlyings()) {
            double spot = underlying.spot().read().ltp();
            if (!(spot > 0)) {
                // Nothing to chart before the first price: no ATM, no forward.
                continue;
            }
            List<LocalDate> listed = cache.expiries(underlying.symbol());
            Optional<LocalDate> reference = ReferenceExpiry.forIvHistory(listed, today);
            int charted = 0;
            for (LocalDate expiry : listed) {
                Optional<OptionChain> chain = cache.chain(underlying.symbol(), expiry);
                if (chain.isEmpty()) {
                    continue;
                }
                ExpiryRead read = ExpiryRead.of(chain.get(), spot, nowMillis, rate);
                ExpiryFigures figures = read.figures();
                ExpiryPoint point = expiryPoint(underlying.symbol(), expiry, t, spot, figures);
                expiries.add(point);
                if (charted++ < EXPIRIES_CHARTED) {
                    read.strikeWindow(underlying.symbol(), expiry, t, STRIKES_EACH_SIDE, strikes);
                }
                if (reference.isPresent() && reference.get().equals(expiry) && point.atmIv() != null
                        && point.atmIv() > 0) {
                    days.add(new IvDay(underlying.symbol(), today, point.atmIv(), Origin.RECORDED, expiry, t));
                }
            }
        }
        return new HistoryBatch(source, t, expiries, strikes, days);
    }

    private static ExpiryPoint expiryPoint(String symbol, LocalDate expiry, Instant t, double spot, ExpiryFigures f) {
        boolean anyOi = f.oi().totalCeOi() > 0 || f.oi().totalPeOi() > 0;
        return new ExpiryPoint(symbol, expiry, t, price(spot), finite(f.forward(), 2),
                f.atmIndex() < 0 ? null : f.atmStrike(), finite(f.atmIv() * 100, 2), finite(f.straddle(), 2),
                finite(f.oi().pcr(), 4), Double.isNaN(f.oi().maxPain()) ? null : f.oi().maxPain(),
                anyOi ? f.oi().totalCeOi() : null, anyOi ? f.oi().totalPeOi() : null);
    }

    /** One consistent read of every leg of a chain, as parallel arrays. */
    private record ExpiryRead(OptionChain chain, LegSnapshot[] ce, LegSnapshot[] pe, double[] strikes,
                              double[] callPremiums, double[] putPremiums, ExpiryFigures figures, double rate) {

        static ExpiryRead of(OptionChain chain, double spot, long nowMillis, double rate) {
            List<StrikeRow> rows = chain.strikes();
            int n = rows.size();
            LegSnapshot[] ce = new LegSnapshot[n];
            LegSnapshot[] pe = new LegSnapshot[n];
            double[] strikes = new double[n];
            double[] callPremiums = new double[n];
            double[] putPremiums = new double[n];
            long[] ceOi = new long[n];
            long[] peOi = new long[n];
            long[] cePrevOi = new long[n];
            long[] pePrevOi = new long[n];
            for (int i = 0; i < n; i++) {
                StrikeRow row = rows.get(i);
                ce[i] = row.ce() == null ? null : row.ce().read();
                pe[i] = row.pe() == null ? null : row.pe().read();
                strikes[i] = row.strike().doubleValue();
                callPremiums[i] = premium(ce[i]);
                putPremiums[i] = premium(pe[i]);
                ceOi[i] = ce[i] == null ? -1 : ce[i].oi();
                peOi[i] = pe[i] == null ? -1 : pe[i].oi();
                cePrevOi[i] = ce[i] == null ? -1 : ce[i].prevOi();
                pePrevOi[i] = pe[i] == null ? -1 : pe[i].prevOi();
            }
            double years = ExpiryClock.yearsBetween(nowMillis, MarketHours.expiryClose(chain.expiry()).toEpochMilli());
            ExpiryFigures figures = ExpiryFigures.of(spot, years, rate, strikes, callPremiums, putPremiums,
                    ceOi, peOi, cePrevOi, pePrevOi);
            return new ExpiryRead(chain, ce, pe, strikes, callPremiums, putPremiums, figures, rate);
        }

        void strikeWindow(String symbol, LocalDate expiry, Instant t, int eachSide, List<StrikePoint> into) {
            int atm = figures.atmIndex();
            if (atm < 0) {
                return;
            }
            int from = Math.max(0, atm - eachSide);
            int to = Math.min(strikes.length, atm + eachSide + 1);
            for (int i = from; i < to; i++) {
                into.add(new StrikePoint(symbol, expiry, strikes[i], t,
                        leg(ce[i], true, strikes[i], callPremiums[i]), leg(pe[i], false, strikes[i], putPremiums[i])));
            }
        }

        private LegPoint leg(LegSnapshot s, boolean call, double strike, double premium) {
            if (s == null) {
                return LegPoint.EMPTY;
            }
            double iv = ExpiryFigures.impliedVolatility(call, premium, figures.forward(), strike, figures.years(), rate);
            return new LegPoint(price(s.ltp()), price(s.bid()), price(s.ask()), finite(iv * 100, 2),
                    quantity(s.oi()), quantity(s.volume()));
        }

        private static double premium(LegSnapshot s) {
            return s == null ? Double.NaN : OptionPremium.of(s.bid(), s.ask(), s.ltp());
        }
    }

    /** As the chain view: Dhan sends 0 for an empty side or a contract not traded; 0 is "no price". */
    static Double price(double value) {
        return Double.isFinite(value) && value > 0 ? round(value, 2) : null;
    }

    static Long quantity(long value) {
        return value < 0 ? null : value;
    }

    static Double finite(double value, int decimals) {
        return Double.isFinite(value) ? round(value, decimals) : null;
    }

    /** Half-up on the shortest decimal form, the rounding of the chain view's numbers. */
    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue() + 0.0;
    }
}
