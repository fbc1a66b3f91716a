package com.livechain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.livechain.chain.Freshness;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.MarketHours;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;

/**
 * Turns a chain's live slots into the contract's JSON values: sentinels become {@code null},
 * float32 feed prices are rounded to the paise Dhan quotes them in, times are IST ISO-8601 with
 * milliseconds, and every leg carries its own staleness.
 */
final class ChainViews {

    static final DateTimeFormatter IST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(MarketHours.IST);

    private final Freshness freshness;

    ChainViews(Freshness freshness) {
        this.freshness = freshness;
    }

    ChainView render(String source, OptionChain chain, List<String> expiries, Integer strikesEachSide) {
        long now = freshness.nowMillis();
        Underlying underlying = chain.underlying();
        LegSnapshot spot = underlying.spot().read();
        List<StrikeRow> rows = chain.strikes();
        int atm = atmIndex(rows, spot.ltp());
        int from = 0;
        int to = rows.size();
        if (strikesEachSide != null && atm >= 0) {
            from = Math.max(0, atm - strikesEachSide);
            to = Math.min(rows.size(), atm + strikesEachSide + 1);
        }
        List<ChainView.StrikeView> strikes = new ArrayList<>(to - from);
        long ceOi = 0;
        long peOi = 0;
        long oiChange = 0;
        boolean anyOi = false;
        for (int i = from; i < to; i++) {
            StrikeRow row = rows.get(i);
            LegSnapshot ce = read(row.ce());
            LegSnapshot pe = read(row.pe());
            strikes.add(new ChainView.StrikeView(number(row.strike()), leg(ce, now), leg(pe, now)));
        }
        for (StrikeRow row : rows) {
            LegSnapshot ce = read(row.ce());
            LegSnapshot pe = read(row.pe());
            if (ce != null && ce.oi() >= 0) {
                ceOi += ce.oi();
                anyOi = true;
            }
            if (pe != null && pe.oi() >= 0) {
                peOi += pe.oi();
                anyOi = true;
            }
            oiChange += oiChangeOrZero(ce) + oiChangeOrZero(pe);
        }
        ChainView.SummaryView summary = new ChainView.SummaryView(
                anyOi && ceOi > 0 ? round(peOi / (double) ceOi, 4) : null, null,
                anyOi ? ceOi : null, anyOi ? peOi : null, anyOi ? oiChange : null);
        return new ChainView(source, underlyingView(underlying, spot, now), chain.expiry().toString(), expiries,
                underlying.lotSize(), number(underlying.strikeStep()), atm >= 0 ? number(rows.get(atm).strike()) : null,
                IST_TIME.format(Instant.ofEpochMilli(now)), strikes, summary);
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

    private ChainView.LegView leg(LegSnapshot s, long now) {
        if (s == null) {
            return null;
        }
        long oiChange = s.oiChange();
        return new ChainView.LegView(s.securityId(), price(s.ltp()), price(s.bid()), price(s.ask()),
                quantity(s.bidQty()), quantity(s.askQty()), quantity(s.volume()), quantity(s.oi()),
                oiChange == Long.MIN_VALUE ? null : oiChange, price(s.prevClose()),
                null, null, null, null, null,
                time(s.updatedAtMillis()), freshness.isStale(s.updatedAtMillis(), now));
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

    private static long oiChangeOrZero(LegSnapshot s) {
        if (s == null) {
            return 0;
        }
        long change = s.oiChange();
        return change == Long.MIN_VALUE ? 0 : change;
    }

    /** Feed prices are float32: 112.3 arrives as 112.30000305. Dhan quotes in paise, so two decimals are exact. */
    static Double price(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : round(value, 2);
    }

    static Long quantity(long value) {
        return value < 0 ? null : value;
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? null : IST_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** Whole strikes serialise as integers (24500, not 24500.0), fractional ones as decimals. */
    static Number number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? (Number) plain.longValueExact() : (Number) plain.doubleValue();
    }
}
