package com.livechain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.livechain.analytics.Black76;
import com.livechain.analytics.ChainSummary;
import com.livechain.analytics.ExpiryClock;
import com.livechain.analytics.ForwardEstimator;
import com.livechain.analytics.ImpliedVolatility;
import com.livechain.analytics.MutableGreeks;
import com.livechain.market.Freshness;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.market.MarketHours;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;

/**
 * Turns a chain's live slots into the contract's JSON values: sentinels become {@code null},
 * float32 feed prices are rounded to the paise Dhan quotes them in, times are IST ISO-8601 with
 * milliseconds, and every leg carries its own staleness and, when its premium admits one, its IV
 * and Greeks: Black-76 on the forward that put-call parity implies at the strikes nearest the money
 * (see docs/analytics.md). They are computed on read: at the contract's 10 reads/s a 200-strike chain
 * costs about 0.2 ms per read, while keeping them per tick would cost more at 5 k ticks/s and be
 * wrong after every underlying tick, which moves the forward under every leg.
 */
public final class ChainViews {

    static final DateTimeFormatter IST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(MarketHours.IST);

    private final Freshness freshness;
    private final double rate;

    /** @param rate the Black-76 discount rate ({@code livechain.analytics.rate}) */
    public ChainViews(Freshness freshness, double rate) {
        this.freshness = freshness;
        this.rate = rate;
    }

    public ChainView render(String source, OptionChain chain, List<String> expiries, Integer strikesEachSide) {
        long now = freshness.nowMillis();
        Underlying underlying = chain.underlying();
        LegSnapshot spot = underlying.spot().read();
        List<StrikeRow> rows = chain.strikes();
        int n = rows.size();
        // One consistent read of every leg: the summary and the forward need the whole chain, not the window.
        LegSnapshot[] ce = new LegSnapshot[n];
        LegSnapshot[] pe = new LegSnapshot[n];
        double[] strikes = new double[n];
        double[] callPrices = new double[n];
        double[] putPrices = new double[n];
        long[] ceOi = new long[n];
        long[] peOi = new long[n];
        long[] cePrevOi = new long[n];
        long[] pePrevOi = new long[n];
        for (int i = 0; i < n; i++) {
            StrikeRow row = rows.get(i);
            ce[i] = read(row.ce());
            pe[i] = read(row.pe());
            strikes[i] = row.strike().doubleValue();
            callPrices[i] = premium(ce[i]);
            putPrices[i] = premium(pe[i]);
            ceOi[i] = ce[i] == null ? -1 : ce[i].oi();
            peOi[i] = pe[i] == null ? -1 : pe[i].oi();
            cePrevOi[i] = ce[i] == null ? -1 : ce[i].prevOi();
            pePrevOi[i] = pe[i] == null ? -1 : pe[i].prevOi();
        }
        double years = ExpiryClock.yearsBetween(now, MarketHours.expiryClose(chain.expiry()).toEpochMilli());
        double forward = Double.isNaN(spot.ltp()) ? Double.NaN
                : ForwardEstimator.impliedForward(strikes, callPrices, putPrices, spot.ltp(), years, rate);
        Pricing pricing = new Pricing(forward, years, rate);

        int atm = atmIndex(rows, spot.ltp());
        int from = 0;
        int to = n;
        if (strikesEachSide != null && atm >= 0) {
            from = Math.max(0, atm - strikesEachSide);
            to = Math.min(n, atm + strikesEachSide + 1);
        }
        List<ChainView.StrikeView> window = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            window.add(new ChainView.StrikeView(number(rows.get(i).strike()),
                    leg(ce[i], true, strikes[i], pricing, now), leg(pe[i], false, strikes[i], pricing, now)));
        }
        ChainSummary summary = ChainSummary.of(strikes, ceOi, peOi, cePrevOi, pePrevOi);
        boolean anyOi = summary.totalCeOi() > 0 || summary.totalPeOi() > 0;
        ChainView.SummaryView summaryView = new ChainView.SummaryView(
                finite(summary.pcr(), 4), Double.isNaN(summary.maxPain()) ? null : number(BigDecimal.valueOf(summary.maxPain())),
                anyOi ? summary.totalCeOi() : null, anyOi ? summary.totalPeOi() : null,
                anyOi ? summary.totalOiChange() : null);
        return new ChainView(source, underlyingView(underlying, spot, now), chain.expiry().toString(), expiries,
                underlying.lotSize(), number(underlying.strikeStep()), atm >= 0 ? number(rows.get(atm).strike()) : null,
                IST_TIME.format(Instant.ofEpochMilli(now)), window, summaryView);
    }

    /** What every leg of one render is priced against. */
    private record Pricing(double forward, double years, double rate) {
    }

    /**
     * The premium IV is solved from: the mid when both sides are quoted (the last trade of an illiquid
     * strike can be minutes old), else the last price.
     */
    static double premium(LegSnapshot s) {
        if (s == null) {
            return Double.NaN;
        }
        if (s.bid() > 0 && s.ask() >= s.bid()) {
            return (s.bid() + s.ask()) / 2;
        }
        return s.ltp() > 0 ? s.ltp() : Double.NaN;
    }

    private ChainView.UnderlyingView underlyingView(Underlying underlying, LegSnapshot spot, long now) {
        Double ltp = price(spot.ltp());
        Double prevClose = price(spot.prevClose());
        Double change = ltp != null && prevClose != null ? round(ltp - prevClose, 2) : null;
        Double changePct = change != null && prevClose != 0 ? round(change / prevClose * 100, 2) : null;
        return new ChainView.UnderlyingView(underlying.symbol(), underlying.ref().securityId(),
                underlying.ref().segment().name(), ltp, prevClose, change, changePct, time(spot.updatedAtMillis()),
                freshness.isStale(spot.updatedAtMillis(), now));
    }

    private ChainView.LegView leg(LegSnapshot s, boolean call, double strike, Pricing pricing, long now) {
        if (s == null) {
            return null;
        }
        long oiChange = s.oiChange();
        double iv = Double.isNaN(pricing.forward()) ? Double.NaN
                : ImpliedVolatility.solve(call, premium(s), pricing.forward(), strike, pricing.years(), pricing.rate());
        MutableGreeks greeks = new MutableGreeks();
        boolean priced = !Double.isNaN(iv)
                && Black76.greeks(call, pricing.forward(), strike, pricing.years(), pricing.rate(), iv, greeks);
        return new ChainView.LegView(s.securityId(), price(s.ltp()), price(s.bid()), price(s.ask()),
                quantity(s.bidQty()), quantity(s.askQty()), quantity(s.volume()), quantity(s.oi()),
                oiChange == Long.MIN_VALUE ? null : oiChange, price(s.prevClose()),
                priced ? finite(iv * 100, 2) : null,
                priced ? finite(greeks.delta(), 4) : null,
                priced ? finite(greeks.gamma(), 6) : null,
                priced ? finite(greeks.theta(), 2) : null,
                priced ? finite(greeks.vega(), 2) : null,
                time(s.updatedAtMillis()), freshness.isStale(s.updatedAtMillis(), now));
    }

    /** A number for JSON, or null: NaN and infinities never reach a response. */
    static Double finite(double value, int decimals) {
        return Double.isFinite(value) ? round(value, decimals) : null;
    }

    /** Index of the strike nearest the underlying's last price, or -1 without a price. */
    static int atmIndex(List<StrikeRow> rows, double spot) {
        if (Double.isNaN(spot) || rows.isEmpty()) {
            return -1;
        }
        int best = 0;
        double bestGap = Double.MAX_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            double gap = Math.abs(rows.get(i).strike().doubleValue() - spot);
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    private static LegSnapshot read(Leg leg) {
        return leg == null ? null : leg.read();
    }

    /**
     * Feed prices are float32: 112.3 arrives as 112.30000305. Dhan quotes in paise, so two decimals are
     * exact. Dhan sends 0 for an empty side of the depth or a contract not yet traded; no index option or
     * index trades at 0, so 0 is "no price" and shows as null, never as a price of zero.
     */
    static Double price(double value) {
        return Double.isFinite(value) && value > 0 ? round(value, 2) : null;
    }

    static Long quantity(long value) {
        return value < 0 ? null : value;
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? null : IST_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * {@code value} rounded half-up to {@code decimals} places of its shortest decimal form, exactly as
     * {@code BigDecimal.valueOf(value).setScale(decimals, HALF_UP).doubleValue()}, which is what it falls back
     * to near a tie. Away from a tie both round {@code value × 10^d} to its nearest integer: the decimal form
     * is within half an ulp of {@code value}, and the product is within an ulp of exact, errors far below the
     * 1e-9 margin kept from the half. Then {@code n / 10^d} is one correctly rounded division of two exact
     * doubles: the double nearest to the decimal, as {@code doubleValue()} gives. The BigDecimal way costs a
     * {@code Double.toString} per number, most of a chain render (docs/performance.md).
     */
    static double round(double value, int decimals) {
        double scale = POWERS_OF_TEN[decimals];
        double scaled = value * scale;
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(scaled) < 0x1p52 && Math.abs(fraction - 0.5) > 1e-9 * Math.max(1, Math.abs(scaled))) {
            // + 0.0: BigDecimal has no negative zero, so -0.0 must come out as 0.0 too.
            return (fraction < 0.5 ? floor : floor + 1) / scale + 0.0;
        }
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /** Whole strikes serialise as integers (24500, not 24500.0), fractional ones as decimals. */
    static Number number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? (Number) plain.longValueExact() : (Number) plain.doubleValue();
    }
}
