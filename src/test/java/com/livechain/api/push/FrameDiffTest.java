package com.livechain.api.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.api.ChainView;
import com.livechain.market.MarketStatus;
import com.livechain.api.ChainView.LegView;
import com.livechain.api.ChainView.StrikeView;

/** The delta between two renderings, on hand-made views: what is sent, and what the browser is then known to hold. */
class FrameDiffTest {

    private static final MarketStatus OPEN = new MarketStatus(true, "open", null, null, List.of());
    private static final PushMessages.FeedView UP = new PushMessages.FeedView(true, "up", OPEN);
    private static final ChainView.SummaryView SUMMARY = new ChainView.SummaryView(0.9, 24500L, 100L, 90L, 5L);
    private static final ChainView.UnderlyingView SPOT = new ChainView.UnderlyingView("NIFTY", 13, "IDX_I", 24510.0,
            24400.0, 110.0, 0.45, "2026-11-26T10:00:00.000+05:30", false);

    /** A leg with a price and, when {@code iv} is not null, analytics derived from it. */
    private static LegView leg(long id, double ltp, Double iv) {
        return new LegView(id, ltp, ltp - 0.5, ltp + 0.5, 75L, 75L, 1000L, 50_000L, 100L, ltp - 10,
                iv, iv == null ? null : iv / 30, iv == null ? null : 0.0001, iv == null ? null : -5.0,
                iv == null ? null : 10.0, "2026-11-26T10:00:00.000+05:30", false);
    }

    /** Strikes 24400..24600 with a call and a put each, every premium {@code premium}, IVs {@code iv}. */
    private static List<StrikeView> strikes(int from, int to, double premium, Double iv) {
        List<StrikeView> rows = new ArrayList<>();
        for (int k = from; k <= to; k += 50) {
            rows.add(new StrikeView((long) k, leg(k, premium, iv), leg(k + 1, premium, iv)));
        }
        return rows;
    }

    private static ChainView view(List<StrikeView> strikes, ChainView.UnderlyingView spot, List<String> expiries) {
        return new ChainView("SIMULATED", spot, "2026-12-01", expiries, 75, 50L, 24500L,
                "2026-11-26T10:00:00.100+05:30", strikes, SUMMARY);
    }

    private static Frame frame(List<StrikeView> strikes) {
        return new Frame(view(strikes, SPOT, List.of("2026-12-01", "2026-12-08")), UP);
    }

    private static List<StrikeView> with(List<StrikeView> rows, int index, LegView ce) {
        List<StrikeView> copy = new ArrayList<>(rows);
        copy.set(index, new StrikeView(rows.get(index).strike(), ce, rows.get(index).pe()));
        return copy;
    }

    @Test
    void nothingChangedIsNothingToSend() {
        Frame from = frame(strikes(24400, 24600, 100, 13.0));
        Frame to = frame(strikes(24400, 24600, 100, 13.0));

        FrameDiff.Step step = FrameDiff.diff(from, to, false);

        assertThat(step.delta()).isNull();
        assertThat(step.reached()).isSameAs(to);
    }

    @Test
    void aLegWhosePriceMovedIsSentAloneWithTheUnderlyingAndSummary() {
        List<StrikeView> rows = strikes(24400, 24600, 100, 13.0);
        Frame from = frame(rows);
        Frame to = frame(with(rows, 2, leg(24500, 101.5, 13.4)));

        FrameDiff.Step step = FrameDiff.diff(from, to, false);

        assertThat(step.delta().strikes()).singleElement().satisfies(s -> {
            assertThat(s.strike()).isEqualTo(24500L);
            assertThat(s.ce().ltp()).isEqualTo(101.5);
            assertThat(s.ce().iv()).as("its analytics ride along").isEqualTo(13.4);
            assertThat(s.pe()).as("the side that did not change is left out").isNull();
        });
        assertThat(step.delta().underlying()).isEqualTo(SPOT);
        assertThat(step.delta().summary()).isEqualTo(SUMMARY);
        assertThat(step.delta().expiries()).as("unchanged expiries are not repeated").isNull();
        assertThat(step.reached()).isSameAs(to);
    }

    @Test
    void analyticsOnlyChangesWaitForTheRefreshAndTheBrowserIsKnownToHoldTheOldLegs() {
        Frame from = frame(strikes(24400, 24600, 100, 13.0));
        Frame to = frame(strikes(24400, 24600, 100, 13.2));

        FrameDiff.Step held = FrameDiff.diff(from, to, false);
        assertThat(held.delta()).isNull();
        assertThat(held.reached()).as("still at the old analytics").isSameAs(from);

        FrameDiff.Step refreshed = FrameDiff.diff(from, to, true);
        assertThat(refreshed.delta().strikes()).hasSize(5)
                .allSatisfy(s -> assertThat(s.ce().iv()).isEqualTo(13.2));
        assertThat(refreshed.reached()).isSameAs(to);
    }

    @Test
    void aPriceMoveBesideAnalyticsOnlyMovesSendsThePriceAndRecordsTheRestAsHeld() {
        List<StrikeView> before = strikes(24400, 24600, 100, 13.0);
        Frame from = frame(before);
        Frame to = frame(with(strikes(24400, 24600, 100, 13.2), 0, leg(24400, 120, 14.0)));

        FrameDiff.Step step = FrameDiff.diff(from, to, false);

        assertThat(step.delta().strikes()).singleElement().satisfies(s -> assertThat(s.strike()).isEqualTo(24400L));
        List<StrikeView> shown = step.reached().view.strikes();
        assertThat(shown.get(0).ce().ltp()).isEqualTo(120.0);
        assertThat(shown.get(1).ce()).as("the browser keeps the leg it was sent").isSameAs(before.get(1).ce());
        assertThat(shown.get(0).pe()).isSameAs(before.get(0).pe());
        // From what the browser holds, the refresh later sends the held analytics and nothing else.
        FrameDiff.Step refresh = FrameDiff.diff(step.reached(), to, true);
        assertThat(refresh.delta().strikes()).hasSize(5);
        assertThat(refresh.delta().strikes().get(0).ce()).as("already sent").isNull();
    }

    @Test
    void aClosedExpiryOrAFeedChangeIsSentEvenWithoutALegMoving() {
        List<StrikeView> rows = strikes(24400, 24600, 100, 13.0);
        Frame from = frame(rows);
        Frame fewer = new Frame(view(rows, SPOT, List.of("2026-12-08")), UP);
        Frame down = new Frame(view(rows, SPOT, List.of("2026-12-01", "2026-12-08")),
                new PushMessages.FeedView(false, "token expired (807)", OPEN));

        assertThat(FrameDiff.diff(from, fewer, false).delta().expiries()).containsExactly("2026-12-08");
        PushMessages.Delta feed = FrameDiff.diff(from, down, false).delta();
        assertThat(feed.feed().up()).isFalse();
        assertThat(feed.strikes()).isEmpty();
    }

    @Test
    void aWindowThatMovedWithAtmDoesNotLineUp() {
        ChainView window = frame(strikes(24400, 24600, 100, 13.0)).view;

        assertThat(FrameDiff.linesUp(window, frame(strikes(24400, 24600, 90, null)).view)).isTrue();
        assertThat(FrameDiff.linesUp(window, frame(strikes(24450, 24650, 100, 13.0)).view)).as("shifted").isFalse();
        assertThat(FrameDiff.linesUp(window, frame(strikes(24400, 24550, 100, 13.0)).view)).as("cut at an edge").isFalse();
    }

    @Test
    void sameMarketDataIgnoresOnlyTheAnalytics() {
        String at = "2026-11-26T10:00:00.000+05:30";
        LegView base = new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0,
                13.0, 0.5, 0.0001, -5.0, 10.0, at, false);
        List<LegView> marketMoves = List.of(
                new LegView(2, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.05, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.55, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.45, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 150L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 75L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1075L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_075L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 175L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 91.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0,
                        "2026-11-26T10:00:01.000+05:30", false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.0, at, true));
        for (int i = 0; i < marketMoves.size(); i++) {
            assertThat(FrameDiff.sameMarketData(base, marketMoves.get(i))).as("market field %d moved", i).isFalse();
        }
        List<LegView> analyticsMoves = List.of(
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.1, 0.5, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.51, 0.0001, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0002, -5.0, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.1, 10.0, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, 13.0, 0.5, 0.0001, -5.0, 10.1, at, false),
                new LegView(1, 100.0, 99.5, 100.5, 75L, 150L, 1000L, 50_000L, 100L, 90.0, null, null, null, null, null, at, false));
        for (int i = 0; i < analyticsMoves.size(); i++) {
            assertThat(FrameDiff.sameMarketData(base, analyticsMoves.get(i))).as("analytic %d moved", i).isTrue();
        }
    }
}
