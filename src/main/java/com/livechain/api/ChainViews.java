package com.livechain.api;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.livechain.analytics.AtmFigures;
import com.livechain.analytics.BuildUp;
import com.livechain.analytics.ChainSummary;
import com.livechain.analytics.ExpiryClock;
import com.livechain.analytics.ForwardEstimator;
import com.livechain.analytics.IvRank;
import com.livechain.analytics.LatestIvRanks;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import com.livechain.market.Freshness;
import com.livechain.market.MarketHours;

/**
 * Turns a chain's live slots into the contract's JSON values: sentinels become {@code null},
 * float32 feed prices are rounded to the paise Dhan quotes them in, times are IST ISO-8601 with
 * milliseconds, and every leg carries its own staleness and, when its premium admits one, its IV
 * and Greeks: Black-76 on the forward that put-call parity implies at the strikes nearest the money
 * (see docs/analytics.md). They are computed on read: keeping them per tick would cost more at 5 k ticks/s
 * and be wrong after every underlying tick, which moves the forward under every leg.
 *
 * <p>Two outputs from one {@link Reading}: {@link #render} builds the {@link ChainView} records (the push's
 * diff works on them, and they are the OpenAPI schema), {@link ChainJsonWriter} streams the same JSON,
 * byte for byte, straight into a {@code JsonGenerator} for {@code GET /options/live}.
 *
 * <p>Time to expiry is taken at the whole second of the render (the body cache and the push refresh analytics
 * once a second anyway), so two renders within a second price every leg on the same inputs, and a leg whose
 * premium and forward have not moved since the last render keeps its IV and greeks ({@link LegPricings})
 * instead of solving again.
 */
public final class ChainViews {

    /** The contract's timestamp layout; {@link IstTimestamps} writes it without a formatter per value. */
    static final DateTimeFormatter IST_TIME = IstTimestamps.FORMATTER;

    private final Freshness freshness;
    private final double rate;
    private final LegPricings pricings;
    private final LatestIvRanks ivRanks;

    /** @param rate the Black-76 discount rate ({@code livechain.analytics.rate}) */
    public ChainViews(Freshness freshness, double rate) {
        this(freshness, rate, new LatestIvRanks());
    }

    /** @param ivRanks each underlying's IV rank and percentile, held in memory by the market memory */
    public ChainViews(Freshness freshness, double rate, LatestIvRanks ivRanks) {
        this.freshness = freshness;
        this.rate = rate;
        this.pricings = new LegPricings(rate);
        this.ivRanks = ivRanks;
    }

    Freshness freshness() {
        return freshness;
    }

    /**
     * One consistent read of every leg of a chain (the summary and the forward need the whole chain, not the
     * window), what the legs are priced against, the money and the window of strikes to show.
     */
    final class Reading {
        final long now;
        final OptionChain chain;
        final Underlying underlying;
        final LegSnapshot spot;
        final LegSnapshot[] ce;
        final LegSnapshot[] pe;
        final double[] strikes;
        final double forward;
        final double years;
        final int atm;
        final int from;
        final int to;
        final ChainSummary summary;
        final LegPricings.Chain priced;
        /** ATM IV as a fraction, straddle and expected move in points ({@link AtmFigures}); NaN when undefined. */
        final double atmIv;
        final double straddle;
        final double expectedMove;
        /** The underlying's IV-history figures, null before any were read. */
        final IvRank ivRank;

        private Reading(OptionChain chain, Integer strikesEachSide) {
            this.now = freshness.nowMillis();
            this.chain = chain;
            this.underlying = chain.underlying();
            this.spot = underlying.spot().read();
            List<StrikeRow> rows = chain.strikes();
            int n = rows.size();
            this.priced = pricings.of(chain);
            this.ce = new LegSnapshot[n];
            this.pe = new LegSnapshot[n];
            this.strikes = priced.strikeValues();
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
                callPrices[i] = premium(ce[i]);
                putPrices[i] = premium(pe[i]);
                ceOi[i] = ce[i] == null ? -1 : ce[i].oi();
                peOi[i] = pe[i] == null ? -1 : pe[i].oi();
                cePrevOi[i] = ce[i] == null ? -1 : ce[i].prevOi();
                pePrevOi[i] = pe[i] == null ? -1 : pe[i].prevOi();
            }
            long pricedAt = now - Math.floorMod(now, 1000L);
            this.years = ExpiryClock.yearsBetween(pricedAt, MarketHours.expiryClose(chain.expiry()).toEpochMilli());
            this.forward = Double.isNaN(spot.ltp()) ? Double.NaN
                    : ForwardEstimator.impliedForward(strikes, callPrices, putPrices, spot.ltp(), years, rate);
            this.atm = atmIndex(strikes, spot.ltp());
            int first = 0;
            int last = n;
            if (strikesEachSide != null && atm >= 0) {
                first = Math.max(0, atm - strikesEachSide);
                last = Math.min(n, atm + strikesEachSide + 1);
            }
            this.from = first;
            this.to = last;
            this.summary = ChainSummary.of(strikes, ceOi, peOi, cePrevOi, pePrevOi);
            if (atm >= 0) {
                // The legs' own IVs at the body's atmStrike (kept by LegPricings, so not solved twice).
                this.atmIv = AtmFigures.atmIv(shownIv(analytics(atm, true)), shownIv(analytics(atm, false)));
                this.straddle = premium(ce[atm]) + premium(pe[atm]);
            } else {
                this.atmIv = Double.NaN;
                this.straddle = Double.NaN;
            }
            this.expectedMove = AtmFigures.expectedMove(forward, atmIv, years);
            this.ivRank = ivRanks.of(underlying.symbol());
        }

        /** The IV and greeks of the leg at {@code strike} (CE or PE), reused when nothing they depend on moved. */
        LegPricings.Priced analytics(int strike, boolean call) {
            LegSnapshot s = call ? ce[strike] : pe[strike];
            return priced.price(2 * strike + (call ? 0 : 1), call, premium(s), forward, strikes[strike], years);
        }

        boolean stale(long updatedAtMillis) {
            return freshness.isStale(updatedAtMillis, now);
        }

        /** The IV a leg shows: none when it was not priced. */
        private static double shownIv(LegPricings.Priced p) {
            return p.priced() ? p.iv() : Double.NaN;
        }

        double ivRankValue() {
            return ivRank == null ? Double.NaN : ivRank.ivRank();
        }

        double ivPercentileValue() {
            return ivRank == null ? Double.NaN : ivRank.ivPercentile();
        }

        boolean anyOi() {
            return summary.totalCeOi() > 0 || summary.totalPeOi() > 0;
        }
    }

    Reading read(OptionChain chain, Integer strikesEachSide) {
        return new Reading(chain, strikesEachSide);
    }

    public ChainView render(String source, OptionChain chain, List<String> expiries, Integer strikesEachSide) {
        Reading r = read(chain, strikesEachSide);
        List<ChainView.StrikeView> window = new ArrayList<>(r.to - r.from);
        for (int i = r.from; i < r.to; i++) {
            window.add(new ChainView.StrikeView(r.priced.strike(i), leg(r, i, true), leg(r, i, false)));
        }
        ChainSummary summary = r.summary;
        boolean anyOi = r.anyOi();
        ChainView.SummaryView summaryView = new ChainView.SummaryView(
                finite(summary.pcr(), 4), Double.isNaN(summary.maxPain()) ? null : number(BigDecimal.valueOf(summary.maxPain())),
                anyOi ? summary.totalCeOi() : null, anyOi ? summary.totalPeOi() : null,
                anyOi ? summary.totalOiChange() : null, finite(r.forward, 2), finite(r.atmIv * 100, 2),
                finite(r.straddle, 2), finite(r.expectedMove, 2), finite(r.ivRankValue(), 1),
                finite(r.ivPercentileValue(), 1));
        Underlying underlying = r.underlying;
        return new ChainView(source, underlyingView(r), chain.expiry().toString(), expiries,
                underlying.lotSize(), r.priced.strikeStep(), r.atm >= 0 ? r.priced.strike(r.atm) : null,
                IstTimestamps.format(r.now), window, summaryView);
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

    private static ChainView.UnderlyingView underlyingView(Reading r) {
        LegSnapshot spot = r.spot;
        Double ltp = price(spot.ltp());
        Double prevClose = price(spot.prevClose());
        Double change = ltp != null && prevClose != null ? round(ltp - prevClose, 2) : null;
        Double changePct = change != null && prevClose != 0 ? round(change / prevClose * 100, 2) : null;
        return new ChainView.UnderlyingView(r.underlying.symbol(), r.underlying.ref().securityId(),
                r.underlying.ref().segment().name(), ltp, prevClose, change, changePct, time(spot.updatedAtMillis()),
                r.stale(spot.updatedAtMillis()));
    }

    private static ChainView.LegView leg(Reading r, int strike, boolean call) {
        LegSnapshot s = call ? r.ce[strike] : r.pe[strike];
        if (s == null) {
            return null;
        }
        long oiChange = s.oiChange();
        LegPricings.Priced p = r.analytics(strike, call);
        boolean priced = p.priced();
        return new ChainView.LegView(s.securityId(), price(s.ltp()), price(s.bid()), price(s.ask()),
                quantity(s.bidQty()), quantity(s.askQty()), quantity(s.volume()), quantity(s.oi()),
                oiChange == Long.MIN_VALUE ? null : oiChange, price(s.prevClose()),
                priced ? finite(p.iv() * 100, 2) : null,
                priced ? finite(p.delta(), 4) : null,
                priced ? finite(p.gamma(), 6) : null,
                priced ? finite(p.theta(), 2) : null,
                priced ? finite(p.vega(), 2) : null,
                time(s.updatedAtMillis()), r.stale(s.updatedAtMillis()), buildUpName(buildUp(s)));
    }

    /** The leg's price and OI against the previous close and OI; null without the figures or without a move. */
    static BuildUp buildUp(LegSnapshot s) {
        return BuildUp.of(s.ltp(), s.prevClose(), s.oi(), s.prevOi());
    }

    private static String buildUpName(BuildUp buildUp) {
        return buildUp == null ? null : buildUp.name();
    }

    /** A number for JSON, or null: NaN and infinities never reach a response. */
    static Double finite(double value, int decimals) {
        return Double.isFinite(value) ? round(value, decimals) : null;
    }

    /** Index of the strike nearest the underlying's last price (ascending strikes), or -1 without a price. */
    static int atmIndex(double[] strikes, double spot) {
        if (Double.isNaN(spot) || strikes.length == 0) {
            return -1;
        }
        int best = 0;
        double bestGap = Double.MAX_VALUE;
        for (int i = 0; i < strikes.length; i++) {
            double gap = Math.abs(strikes[i] - spot);
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
        return isPrice(value) ? round(value, 2) : null;
    }

    /** Whether {@link #price} shows {@code value} (rounded to paise) rather than null. */
    static boolean isPrice(double value) {
        return Double.isFinite(value) && value > 0;
    }

    static Long quantity(long value) {
        return value < 0 ? null : value;
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? null : IstTimestamps.format(epochMillis);
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
        long units = roundedUnits(value, decimals);
        if (units != NO_UNITS) {
            // + 0.0: BigDecimal has no negative zero, so -0.0 must come out as 0.0 too.
            return units / POWERS_OF_TEN[decimals] + 0.0;
        }
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** {@link #roundedUnits}: no answer without BigDecimal (within 1e-9 of a tie, or beyond 2^52 units). */
    static final long NO_UNITS = Long.MIN_VALUE;

    /**
     * The integer {@code n} with {@code round(value, decimals) == n / 10^decimals}, by {@link #round}'s own
     * arithmetic, or {@link #NO_UNITS} where {@code round} needs BigDecimal: {@link RoundedDecimals} writes the
     * digits of {@code n} without dividing it back into a double.
     */
    static long roundedUnits(double value, int decimals) {
        double scaled = value * POWERS_OF_TEN[decimals];
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(scaled) < 0x1p52 && Math.abs(fraction - 0.5) > 1e-9 * Math.max(1, Math.abs(scaled))) {
            return (long) (fraction < 0.5 ? floor : floor + 1);
        }
        return NO_UNITS;
    }

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /** Whole strikes serialise as integers (24500, not 24500.0), fractional ones as decimals. */
    static Number number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? (Number) plain.longValueExact() : (Number) plain.doubleValue();
    }
}
