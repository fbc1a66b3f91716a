package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

import com.livechain.api.push.PushTestClient;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.config.SimulatorHandle;
import com.livechain.market.ExchangeCalendar;
import com.livechain.market.MarketHours;
import com.livechain.simulator.market.SimulatedPast;
import com.livechain.universe.UniverseDiff;
import com.livechain.universe.UniverseReloadedEvent;

/**
 * The live summary and the IV backfill end to end, on each database (the subclasses): the app runs against its
 * simulator with the backfill on, which fills the year of IV history from the simulator's past into the real
 * store; nothing is recorded (an interval of ten years), so the IV history is the backfill's alone. Every check
 * reads real HTTP answers and recomputes them here, from the same response, from {@code /options/iv-history},
 * or from the simulator's own past.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveSummaryEndToEndTest {

    /** {@code livechain.analytics.rate}'s default, which the legs are priced at. */
    static final double RATE = 0.10;
    static final String[] SYMBOLS = {"NIFTY", "SENSEX"};

    HistoryApp app;
    Path dir;

    /** A fresh history database. */
    abstract String newDatabaseUrl();

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("live-summary");
        app = HistoryApp.start(newDatabaseUrl(), dir,
                "--livechain.underlyings=NIFTY,SENSEX",
                "--livechain.history.backfill=true",
                // The recorder's boundaries fall ten years apart: it writes nothing while the test runs.
                "--livechain.history.interval=3650d",
                "--livechain.simulator.data-api-requests-per-second=1000",
                "--livechain.dhan.charts.interval=0ms");
        await().atMost(Duration.ofMinutes(8)).until(() -> app.bean(IvBackfill.class).runsCompleted() >= 1);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void theBackfillWroteTheSimulatorsPastToTheStore() {
        SimulatedPast past = past();
        for (String symbol : SYMBOLS) {
            JsonNode history = app.json("/options/iv-history?underlying=" + symbol);
            TreeMap<LocalDate, Double> expected = simulatorsYear(past, symbol);
            TreeMap<LocalDate, Double> stored = new TreeMap<>();
            for (JsonNode day : history.get("days")) {
                assertThat(day.get("origin").asString()).as(symbol + " " + day).isEqualTo("BACKFILLED");
                stored.put(LocalDate.parse(day.get("date").asString()), day.get("atmIv").asDouble());
            }
            assertThat(stored.keySet()).as(symbol + ": every trading day of the year, no other")
                    .containsExactlyElementsOf(expected.keySet());
            expected.forEach((date, iv) -> assertThat(stored.get(date)).as(symbol + " " + date)
                    .isCloseTo(iv, within(1e-9)));
            // The run asked for the exchange's trading days of its window (365 days back, today excluded): those the
            // simulator had a session on were filled, the others (the Budget Sunday) found without data.
            TradingDays tradingDays = app.bean(ExchangeCalendar.class)::isTradingDay; // not the wired bean
            LocalDate today = MarketHours.today(Instant.now());
            int filled = 0;
            int empty = 0;
            for (LocalDate day = today.minusDays(IvBackfill.LOOKBACK_DAYS); day.isBefore(today); day = day.plusDays(1)) {
                if (tradingDays.isTradingDay(day)) {
                    if (past.hasSession(symbol, day)) {
                        filled++;
                    } else {
                        empty++;
                    }
                }
            }
            assertThat(app.metric("livechain_history_backfill_days_total", "outcome=\"filled\",underlying=\"" + symbol))
                    .as(symbol + " days filled").isEqualTo(filled);
            assertThat(app.metric("livechain_history_backfill_days_total", "outcome=\"empty\",underlying=\"" + symbol))
                    .as(symbol + " days without data").isEqualTo(empty);
        }
        assertThat(app.metric("livechain_history_backfill_days_remaining", "")).isZero();
        assertThat(app.metric("livechain_history_backfill_days_total", "outcome=\"failed\"")).isZero();
    }

    @Test
    void ivRankAndPercentileAreTheSimulatorsOwnInTheIvHistoryAndInTheLiveSummary() throws Exception {
        SimulatedPast past = past();
        for (String symbol : SYMBOLS) {
            double[] expected = rankAndPercentile(new ArrayList<>(simulatorsYear(past, symbol).values()));
            JsonNode history = app.json("/options/iv-history?underlying=" + symbol);
            assertThat(history.get("ivRank").asDouble()).as(symbol + " ivRank").isCloseTo(expected[0], within(0.051));
            assertThat(history.get("ivPercentile").asDouble()).as(symbol + " ivPercentile")
                    .isCloseTo(expected[1], within(0.051));

            // And from the iv-history's own days, as a client would recompute them.
            List<Double> listed = new ArrayList<>();
            history.get("days").forEach(d -> listed.add(0, d.get("atmIv").asDouble()));
            double[] fromListed = rankAndPercentile(listed);
            for (String expiry : expiries(symbol).subList(0, 2)) {
                JsonNode summary = await().atMost(Duration.ofSeconds(30)).until(
                        () -> app.json("/options/live?underlying=" + symbol + "&expiry=" + expiry + "&strikes=1")
                                .get("summary"), s -> !s.get("ivRank").isNull());
                assertThat(summary.get("ivRank").asDouble()).as(symbol + " " + expiry + " live ivRank")
                        .isEqualTo(history.get("ivRank").asDouble()).isCloseTo(fromListed[0], within(0.051));
                assertThat(summary.get("ivPercentile").asDouble()).as(symbol + " " + expiry + " live ivPercentile")
                        .isEqualTo(history.get("ivPercentile").asDouble()).isCloseTo(fromListed[1], within(0.051));
            }
            // The push carries them too: its snapshot is the same body.
            try (PushTestClient push = PushTestClient.connect(app.port)) {
                push.send("{\"underlying\":\"" + symbol + "\",\"strikes\":2}");
                JsonNode summary = push.next("snapshot", Duration.ofSeconds(30)).get("chain").get("summary");
                assertThat(summary.get("ivRank").asDouble()).as(symbol + " push ivRank")
                        .isEqualTo(history.get("ivRank").asDouble());
                assertThat(summary.get("ivPercentile").asDouble()).isEqualTo(history.get("ivPercentile").asDouble());
                for (String field : List.of("forward", "atmIv", "straddle", "expectedMove")) {
                    assertThat(summary.get(field).isNumber()).as(symbol + " push " + field).isTrue();
                }
            }
        }
    }

    @Test
    void theSummarysAtmFiguresAreThoseOfTheLegsInTheSameResponse() {
        for (String symbol : SYMBOLS) {
            for (String expiry : expiries(symbol).subList(0, 2)) {
                JsonNode live = awaitQuoted(symbol, expiry);
                JsonNode summary = live.get("summary");
                double spot = live.get("underlying").get("ltp").asDouble();
                long asOf = OffsetDateTime.parse(live.get("asOf").asString()).toInstant().toEpochMilli();
                // Priced at the whole second of the render; the expiry closes at 15:30 IST.
                long pricedAt = asOf - Math.floorMod(asOf, 1000L);
                long close = LocalDate.parse(expiry).atTime(15, 30).atZone(MarketHours.IST).toInstant().toEpochMilli();
                double years = (close - pricedAt) / (365.0 * 24 * 3600 * 1000);
                String what = symbol + " " + expiry;

                // K + e^{rT} (C - P) at the three strikes nearest the spot that have both premiums.
                List<JsonNode> rows = new ArrayList<>();
                live.get("strikes").forEach(rows::add);
                rows.sort((a, b) -> Double.compare(Math.abs(a.get("strike").asDouble() - spot),
                        Math.abs(b.get("strike").asDouble() - spot)));
                double sum = 0;
                int used = 0;
                for (JsonNode row : rows) {
                    double c = premium(row.get("ce"));
                    double p = premium(row.get("pe"));
                    if (used < 3 && c > 0 && p > 0) {
                        sum += row.get("strike").asDouble() + Math.exp(RATE * years) * (c - p);
                        used++;
                    }
                }
                double forward = sum / used;
                assertThat(summary.get("forward").asDouble()).as(what + " forward").isCloseTo(forward, within(0.02));

                JsonNode atm = row(live, live.get("atmStrike").asDouble());
                double atmIv = (atm.get("ce").get("iv").asDouble() + atm.get("pe").get("iv").asDouble()) / 2;
                assertThat(summary.get("atmIv").asDouble()).as(what + " atmIv").isCloseTo(atmIv, within(0.0051));
                double straddle = premium(atm.get("ce")) + premium(atm.get("pe"));
                assertThat(summary.get("straddle").asDouble()).as(what + " straddle").isCloseTo(straddle, within(0.011));
                double move = summary.get("forward").asDouble() * summary.get("atmIv").asDouble() / 100 * Math.sqrt(years);
                // Inputs shown to 2 decimals: the ATM IV's 0.005 points are most of the margin.
                assertThat(summary.get("expectedMove").asDouble()).as(what + " expectedMove")
                        .isCloseTo(move, within(move * 0.005 / summary.get("atmIv").asDouble() + 0.011));
            }
        }
    }

    @Test
    void eachLegsBuildUpIsItsPriceAndOpenInterestAgainstThePreviousClose() {
        Set<String> seen = new java.util.TreeSet<>();
        for (String symbol : SYMBOLS) {
            String expiry = expiries(symbol).get(0);
            JsonNode live = awaitQuoted(symbol, expiry);
            int legs = 0;
            for (JsonNode row : live.get("strikes")) {
                for (String side : List.of("ce", "pe")) {
                    JsonNode leg = row.get(side);
                    if (leg == null || leg.isNull()) {
                        continue;
                    }
                    legs++;
                    String expected = buildUp(leg);
                    JsonNode buildUp = leg.get("buildUp");
                    assertThat(buildUp).as("%s %s %s %s has a buildUp field", symbol, expiry, row.get("strike"), side)
                            .isNotNull();
                    assertThat(buildUp.isNull() ? null : buildUp.asString())
                            .as("%s %s %s %s: %s", symbol, expiry, row.get("strike"), side, leg).isEqualTo(expected);
                    if (expected != null) {
                        seen.add(expected);
                    }
                }
            }
            assertThat(legs).as(symbol + " legs").isGreaterThan(40);
        }
        // The simulator's day moves prices and OI both ways: every quadrant shows up somewhere.
        assertThat(seen).containsExactlyInAnyOrder("LONG_BUILDUP", "SHORT_BUILDUP", "SHORT_COVERING", "LONG_UNWINDING");
    }

    @Test
    void aReloadStartsAnotherBackfillRunWhichAsksForNothingMore() {
        long runs = app.bean(IvBackfill.class).runsCompleted();
        double filled = app.metric("livechain_history_backfill_days_total", "outcome=\"filled\"");
        var index = app.bean(ChainCache.class).index();
        var chains = app.bean(ChainCache.class).chains();
        app.context.publishEvent(new UniverseReloadedEvent(index, index, UniverseDiff.between(index, chains, index, chains)));
        await().atMost(Duration.ofMinutes(2)).until(() -> app.bean(IvBackfill.class).runsCompleted() > runs);
        assertThat(app.metric("livechain_history_backfill_days_total", "outcome=\"filled\"")).isEqualTo(filled);
    }

    // ---------------------------------------------------------------------------------------------------------

    private SimulatedPast past() {
        SimulatorHandle handle = app.bean(SimulatorHandle.class);
        return new SimulatedPast(handle.simulator().market(), handle.simulator().seed(),
                SimulatedPast.WEEKDAYS_AND_2026_HOLIDAYS);
    }

    /**
     * What the IV history should hold after the backfill: for every exchange trading day of the iv-history's
     * window (365 calendar days back from today, today excluded: nothing is recorded) on which the simulator had a
     * session, the mean of its ATM call and put IV at the day's last minute, of the nearest monthly with 7 days
     * left, oldest first.
     */
    private TreeMap<LocalDate, Double> simulatorsYear(SimulatedPast past, String symbol) {
        TradingDays tradingDays = app.bean(ExchangeCalendar.class)::isTradingDay; // not the wired bean
        ExchangeSegment segment = symbol.equals("SENSEX") ? ExchangeSegment.BSE_FNO : ExchangeSegment.NSE_FNO;
        IvHistoryExpiry rule = new IvHistoryExpiry(segment, tradingDays);
        LocalDate today = MarketHours.today(Instant.now());
        TreeMap<LocalDate, Double> days = new TreeMap<>();
        for (LocalDate day = today.minusDays(364); day.isBefore(today); day = day.plusDays(1)) {
            if (!tradingDays.isTradingDay(day) || !past.hasSession(symbol, day)) {
                continue;
            }
            int code = rule.forDay(day).expiryCode();
            double[] call = past.rolling(symbol, false, code, 0, true, 1, day, day).iv();
            double[] put = past.rolling(symbol, false, code, 0, false, 1, day, day).iv();
            days.put(day, (call[call.length - 1] + put[put.length - 1]) / 2);
        }
        assertThat(days).as(symbol + " sessions in the simulator's past year").hasSizeGreaterThan(200);
        return days;
    }

    /** The contract's IV rank and percentile of the last value over the last 252, oldest first. */
    static double[] rankAndPercentile(List<Double> oldestFirst) {
        List<Double> year = oldestFirst.subList(Math.max(0, oldestFirst.size() - 252), oldestFirst.size());
        double current = year.get(year.size() - 1);
        double min = year.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = year.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        long below = year.stream().filter(v -> v < current).count();
        return new double[] {(current - min) / (max - min) * 100, below * 100.0 / year.size()};
    }

    private List<String> expiries(String symbol) {
        List<String> expiries = new ArrayList<>();
        app.json("/options/underlyings").get("underlyings").forEach(u -> {
            if (u.get("symbol").asString().equals(symbol)) {
                u.get("expiries").forEach(e -> expiries.add(e.asString()));
            }
        });
        assertThat(expiries).as(symbol + " expiries").hasSizeGreaterThanOrEqualTo(2);
        return expiries;
    }

    /** The whole chain once the legs at the money are quoted both sides (the feed's first ticks are in). */
    private JsonNode awaitQuoted(String symbol, String expiry) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> app.json("/options/live?underlying=" + symbol + "&expiry=" + expiry),
                live -> {
                    if (live.get("atmStrike").isNull() || live.get("summary").get("atmIv").isNull()) {
                        return false;
                    }
                    JsonNode atm = row(live, live.get("atmStrike").asDouble());
                    return premium(atm.get("ce")) > 0 && premium(atm.get("pe")) > 0
                            && atm.get("ce").get("iv").isNumber() && atm.get("pe").get("iv").isNumber();
                });
    }

    static JsonNode row(JsonNode live, double strike) {
        for (JsonNode row : live.get("strikes")) {
            if (row.get("strike").asDouble() == strike) {
                return row;
            }
        }
        throw new AssertionError("no strike " + strike + " in " + live);
    }

    /** The mid when both sides are quoted, else the last price, else 0. */
    static double premium(JsonNode leg) {
        if (leg == null || leg.isNull()) {
            return 0;
        }
        JsonNode bid = leg.get("bid");
        JsonNode ask = leg.get("ask");
        if (bid.isNumber() && ask.isNumber() && bid.asDouble() > 0 && ask.asDouble() >= bid.asDouble()) {
            return (bid.asDouble() + ask.asDouble()) / 2;
        }
        return leg.get("ltp").isNumber() ? leg.get("ltp").asDouble() : 0;
    }

    /** The quadrant of price against the previous close and OI against the previous OI, as the contract names it. */
    static String buildUp(JsonNode leg) {
        if (!leg.get("ltp").isNumber() || !leg.get("prevClose").isNumber() || !leg.get("oiChange").isNumber()) {
            return null;
        }
        double move = leg.get("ltp").asDouble() - leg.get("prevClose").asDouble();
        long oiChange = leg.get("oiChange").asLong();
        if (move == 0 || oiChange == 0) {
            return null;
        }
        if (oiChange > 0) {
            return move > 0 ? "LONG_BUILDUP" : "SHORT_BUILDUP";
        }
        return move > 0 ? "SHORT_COVERING" : "LONG_UNWINDING";
    }
}
