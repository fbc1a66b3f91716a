package com.livechain.api.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.livechain.api.ChainView;

/**
 * What changed between two renderings of one chain, as the delta a browser applies to what it shows.
 *
 * <p>IV and Greeks are priced on the forward, so every underlying tick moves them on every leg; sent as they
 * move, each delta would be the whole chain. A leg whose own market data did not change therefore carries its
 * new analytics only when {@code withAnalytics} (once a second, the group's refresh); otherwise the browser
 * keeps the leg as it had it, and {@link Step#reached} records exactly that, so the next diff starts from what
 * the browser really shows and nothing is lost.
 */
final class FrameDiff {

    private FrameDiff() {
    }

    /**
     * A session's move from one frame: the delta to send ({@code null}: nothing changed that is due) and the
     * frame the session then holds.
     */
    record Step(PushMessages.Delta delta, Frame reached) {
    }

    /**
     * Whether a delta can take a browser from {@code a} to {@code b}: the same strikes in the same order. A
     * window of strikes around ATM moves when ATM does; a delta cannot add or drop rows, so a moved window is
     * sent as a snapshot.
     */
    static boolean linesUp(ChainView a, ChainView b) {
        List<ChainView.StrikeView> before = a.strikes();
        List<ChainView.StrikeView> after = b.strikes();
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < after.size(); i++) {
            if (!before.get(i).strike().equals(after.get(i).strike())) {
                return false;
            }
        }
        return true;
    }

    /** From {@code from} to {@code to}, two renderings whose strikes {@link #linesUp line up}. */
    static Step diff(Frame from, Frame to, boolean withAnalytics) {
        ChainView a = from.view;
        ChainView b = to.view;
        List<ChainView.StrikeView> before = a.strikes();
        List<ChainView.StrikeView> after = b.strikes();
        List<PushMessages.StrikeDelta> strikes = new ArrayList<>();
        List<ChainView.StrikeView> held = new ArrayList<>(after.size());
        boolean behind = false;
        for (int i = 0; i < after.size(); i++) {
            ChainView.StrikeView was = before.get(i);
            ChainView.StrikeView now = after.get(i);
            ChainView.LegView ce = changed(was.ce(), now.ce(), withAnalytics);
            ChainView.LegView pe = changed(was.pe(), now.pe(), withAnalytics);
            if (ce != null || pe != null) {
                strikes.add(new PushMessages.StrikeDelta(now.strike(), ce, pe));
            }
            ChainView.LegView heldCe = ce != null || Objects.equals(was.ce(), now.ce()) ? now.ce() : was.ce();
            ChainView.LegView heldPe = pe != null || Objects.equals(was.pe(), now.pe()) ? now.pe() : was.pe();
            behind |= heldCe != now.ce() || heldPe != now.pe();
            held.add(heldCe == now.ce() && heldPe == now.pe() ? now : new ChainView.StrikeView(now.strike(), heldCe, heldPe));
        }
        Frame reached = !behind ? to : new Frame(new ChainView(b.source(), b.underlying(), b.expiry(), b.expiries(),
                b.lotSize(), b.strikeStep(), b.atmStrike(), b.asOf(), held, b.summary()), to.feed, to.renderedNanos);
        boolean expiriesChanged = !a.expiries().equals(b.expiries());
        if (strikes.isEmpty() && !expiriesChanged && a.underlying().equals(b.underlying())
                && Objects.equals(a.atmStrike(), b.atmStrike()) && Objects.equals(a.summary(), b.summary())
                && from.feed.equals(to.feed)) {
            return new Step(null, behind ? from : reached);
        }
        return new Step(new PushMessages.Delta("delta", b.source(), b.expiry(), b.asOf(), to.feed, b.underlying(),
                b.atmStrike(), expiriesChanged ? b.expiries() : null, strikes, b.summary()), reached);
    }

    /** The leg to send, or {@code null}: unchanged, or changed only in its analytics when those are not due. */
    private static ChainView.LegView changed(ChainView.LegView was, ChainView.LegView now, boolean withAnalytics) {
        if (Objects.equals(was, now)) {
            return null;
        }
        return withAnalytics || was == null || now == null || !sameMarketData(was, now) ? now : null;
    }

    /** Equal in everything but IV and the Greeks. */
    static boolean sameMarketData(ChainView.LegView a, ChainView.LegView b) {
        return a.securityId() == b.securityId() && Objects.equals(a.ltp(), b.ltp()) && Objects.equals(a.bid(), b.bid())
                && Objects.equals(a.ask(), b.ask()) && Objects.equals(a.bidQty(), b.bidQty())
                && Objects.equals(a.askQty(), b.askQty()) && Objects.equals(a.volume(), b.volume())
                && Objects.equals(a.oi(), b.oi()) && Objects.equals(a.oiChange(), b.oiChange())
                && Objects.equals(a.prevClose(), b.prevClose()) && Objects.equals(a.updatedAt(), b.updatedAt())
                && a.stale() == b.stale();
    }
}
