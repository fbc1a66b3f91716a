package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import com.livechain.analytics.ReferenceExpiry;
import com.livechain.chain.ChainCache;
import com.livechain.chain.OptionChain;
import com.livechain.chain.TickApplier;
import com.livechain.config.SimulatorHandle;
import com.livechain.dhan.feed.FeedClient;
import com.livechain.market.MarketHours;

/**
 * The market memory end to end, on each database (the subclasses): the app runs against its simulator with a
 * 2-second interval, and every check reads real HTTP answers.
 */
abstract class HistoryEndToEndTest {

    static final Duration INTERVAL = HistoryApp.INTERVAL;

    @TempDir
    Path dir;

    /** A fresh history database. */
    abstract String newDatabaseUrl();

    /** A database for the outage test, which {@link #breakDatabase} and {@link #repairDatabase} act on. */
    abstract String outageDatabaseUrl();

    abstract void breakDatabase() throws Exception;

    abstract void repairDatabase() throws Exception;

    /** The {@code reason} tag the outage is counted under. */
    abstract String expectedDropReason();

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aRecordedSessionReadsBackAsTheChainShowedItAtThoseMinutes() throws Exception {
        try (HistoryApp app = HistoryApp.start(newDatabaseUrl(), dir)) {
            LocalDate expiry = awaitPrices(app);
            // Two intervals, each compared whole with the chain as /options/live showed it at that interval.
            compareOneInterval(app, expiry);
            compareOneInterval(app, expiry);
        }
    }

    private void compareOneInterval(HistoryApp app, LocalDate expiry) {
        OptionChain chain = app.bean(ChainCache.class).chain("NIFTY", expiry).orElseThrow();
        for (int attempt = 1; attempt <= 5; attempt++) {
            // The simulator's feed goes mute, so the chain holds still across the read and the recording.
            app.bean(SimulatorHandle.class).simulator().faults().stall(Duration.ofSeconds(20));
            long quiet = awaitQuiet(chain);
            JsonNode live = app.json("/options/live?underlying=NIFTY&expiry=" + expiry + "&strikes="
                    + com.livechain.history.record.ChainRecording.STRIKES_EACH_SIDE);
            Instant t = boundaryAfter(Instant.now());
            JsonNode point;
            try {
                point = await().atMost(Duration.ofSeconds(15)).until(() -> pointAt(app, expiry, t), p -> p != null);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                continue; // that interval was not written (an overloaded machine fills the queue): try another
            }
            if (chain.version() != quiet) {
                continue; // a tick slipped in between: that interval shows a different chain, try another
            }
            assertPointIsTheChain(app, expiry, t, point, live);
            return;
        }
        throw new AssertionError("the chain never held still for one interval in 5 attempts");
    }

    private void assertPointIsTheChain(HistoryApp app, LocalDate expiry, Instant t, JsonNode point, JsonNode live) {
        assertThat(point.get("t").asString()).isEqualTo(HistoryApiTimes.ist(t));
        assertThat(point.get("spot").asDouble()).isEqualTo(live.get("underlying").get("ltp").asDouble());
        assertThat(point.get("atmStrike").asLong()).isEqualTo(live.get("atmStrike").asLong());
        JsonNode summary = live.get("summary");
        assertThat(point.get("pcr").asDouble()).isEqualTo(summary.get("pcr").asDouble());
        assertThat(point.get("maxPain").asLong()).isEqualTo(summary.get("maxPain").asLong());
        assertThat(point.get("totalCeOi").asLong()).isEqualTo(summary.get("totalCeOi").asLong());
        assertThat(point.get("totalPeOi").asLong()).isEqualTo(summary.get("totalPeOi").asLong());
        JsonNode atm = row(live, live.get("atmStrike").asLong());
        // IV moves with the seconds to expiry between the two reads: equal to the chain's two decimals.
        assertThat(point.get("atmIv").asDouble())
                .isCloseTo((atm.get("ce").get("iv").asDouble() + atm.get("pe").get("iv").asDouble()) / 2, within(0.02));
        assertThat(point.get("straddle").asDouble()).isCloseTo(mid(atm.get("ce")) + mid(atm.get("pe")), within(0.011));
        assertThat(point.get("forward").asDouble()).isCloseTo(live.get("underlying").get("ltp").asDouble(), within(
                live.get("underlying").get("ltp").asDouble() * 0.02));

        // Every strike of the window the recorder charts, both legs, as the chain showed them.
        List<JsonNode> strikes = StreamSupport.stream(live.get("strikes").spliterator(), false).toList();
        assertThat(strikes).hasSize(2 * com.livechain.history.record.ChainRecording.STRIKES_EACH_SIDE + 1);
        for (JsonNode row : strikes) {
            JsonNode series = app.json("/options/series?underlying=nifty&expiry=" + expiry + "&strike="
                    + row.get("strike").asString() + "&from=" + t + "&to=" + t);
            assertThat(series.get("strike").asString()).isEqualTo(row.get("strike").asString());
            assertThat(series.get("points")).as("strike %s", row.get("strike")).hasSize(1);
            JsonNode recorded = series.get("points").get(0);
            for (String side : List.of("ce", "pe")) {
                for (String field : List.of("ltp", "bid", "ask", "oi", "volume")) {
                    assertThat(recorded.get(side).get(field)).as("%s %s %s", row.get("strike"), side, field)
                            .isEqualTo(row.get(side).get(field));
                }
                if (row.get(side).get("iv").isNull()) {
                    assertThat(recorded.get(side).get("iv").isNull()).as("%s %s iv", row.get("strike"), side).isTrue();
                } else {
                    assertThat(recorded.get(side).get("iv").asDouble()).as("%s %s iv", row.get("strike"), side)
                            .isCloseTo(row.get(side).get("iv").asDouble(), within(0.011));
                }
            }
        }

        // Today's IV-history value: the reference monthly's ATM IV at the latest interval, recorded.
        List<LocalDate> expiries = new ArrayList<>();
        app.json("/options/underlyings").get("underlyings").get(0).get("expiries")
                .forEach(e -> expiries.add(LocalDate.parse(e.asString())));
        LocalDate reference = ReferenceExpiry.forIvHistory(expiries, MarketHours.today(t)).orElseThrow();
        JsonNode referencePoint = pointAt(app, reference, t);
        JsonNode ivHistory = app.json("/options/iv-history?underlying=NIFTY");
        assertThat(ivHistory.get("source").asString()).isEqualTo("SIMULATED");
        JsonNode today = ivHistory.get("days").get(0);
        assertThat(today.get("date").asString()).isEqualTo(MarketHours.today(t).toString());
        assertThat(today.get("origin").asString()).isEqualTo("RECORDED");
        assertThat(today.get("atmIv").asDouble()).isCloseTo(referencePoint.get("atmIv").asDouble(), within(0.02));
        assertThat(ivHistory.get("ivRank").isNull()).as("fewer than 20 days: no rank yet").isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aRestartMidSessionContinuesTheSeriesWithNoGapButTheDowntime() throws Exception {
        String url = newDatabaseUrl();
        LocalDate expiry;
        Instant stoppedAt;
        try (HistoryApp first = HistoryApp.start(url, dir)) {
            expiry = awaitPrices(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> series(first, expiry).size() >= 3);
            stoppedAt = Instant.now();
        }
        try (HistoryApp second = HistoryApp.start(url, dir)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> second.bean(FeedClient.class).isUp());
            Instant upAt = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> series(second, expiry).stream()
                    .filter(t -> t.isAfter(upAt)).count() >= 3);

            // The default range is the current session: both runs' points, one series.
            List<Instant> points = series(second, expiry);
            List<Integer> gaps = new ArrayList<>();
            for (int i = 1; i < points.size(); i++) {
                Duration step = Duration.between(points.get(i - 1), points.get(i));
                assertThat(step).as("strictly increasing, on the interval grid").isPositive();
                assertThat(step.toMillis() % INTERVAL.toMillis()).isZero();
                if (!step.equals(INTERVAL)) {
                    gaps.add(i);
                }
            }
            // Both runs wrote into the one series...
            assertThat(points).as("points of the first run: %s", points).anyMatch(t -> !t.isAfter(stoppedAt));
            assertThat(points).as("points of the second run: %s", points).anyMatch(t -> t.isAfter(upAt));
            // ...with at most the restart's gap: none when the restart took less than an interval.
            assertThat(gaps).as("at most one gap, the restart's: %s", points).hasSizeLessThanOrEqualTo(1);
            if (!gaps.isEmpty()) {
                Instant lastBefore = points.get(gaps.get(0) - 1);
                Instant firstAfter = points.get(gaps.get(0));
                assertThat(lastBefore).isBeforeOrEqualTo(stoppedAt).isAfter(stoppedAt.minusSeconds(10));
                assertThat(firstAfter).isAfter(stoppedAt).isBefore(upAt.plusSeconds(10));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aDatabaseOutageLosesOnlyHistoryIsCountedAndReportedAndRecordingResumes() throws Exception {
        try (HistoryApp app = HistoryApp.start(outageDatabaseUrl(), dir)) {
            LocalDate expiry = awaitPrices(app);
            await().atMost(Duration.ofSeconds(30)).until(() -> series(app, expiry).size() >= 2);
            assertThat(historyHealth(app).get("status").asString()).isEqualTo("UP");

            breakDatabase();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> app.metric("livechain_history_dropped_total",
                        "reason=\"" + expectedDropReason() + "\"") > 0
                        && "DEGRADED".equals(historyHealth(app).get("status").asString()));
                assertThat(app.get("/actuator/health").statusCode()).as("degraded is not down").isEqualTo(200);
                JsonNode degraded = historyHealth(app);
                assertThat(degraded.get("details").get("reason").asString()).isNotBlank();
                assertThat(degraded.get("details").get("lostPoints").asLong()).isPositive();

                // The feed is untouched: ticks still applied, the live chain fresh and moving.
                TickApplier ticks = app.bean(TickApplier.class);
                long applied = ticks.appliedCount();
                String updatedAt = app.json("/options/live?underlying=NIFTY&strikes=1").get("underlying")
                        .get("updatedAt").asString();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode live = app.json("/options/live?underlying=NIFTY&strikes=1");
                    assertThat(ticks.appliedCount()).isGreaterThan(applied + 100);
                    assertThat(live.get("underlying").get("stale").asBoolean()).isFalse();
                    assertThat(live.get("underlying").get("updatedAt").asString()).isNotEqualTo(updatedAt);
                });
                // At least two intervals lost.
                long lost = degraded.get("details").get("lostIntervals").asLong();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        historyHealth(app).get("details").get("lostIntervals").asLong() >= lost + 1);
            } finally {
                repairDatabase();
            }
            Instant repairedAt = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(historyHealth(app).get("status").asString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> series(app, expiry).stream()
                    .anyMatch(t -> t.isAfter(repairedAt)));

            // What was lost is said: the health's last outage counts exactly the intervals missing from the series,
            // and the dropped counter its points.
            JsonNode outage = historyHealth(app).get("details").get("lastOutage");
            assertThat(outage.get("reason").asString()).isEqualTo(expectedDropReason());
            List<Instant> points = series(app, expiry);
            Instant firstLost = Instant.parse(outage.get("firstLost").asString());
            Instant lastLost = Instant.parse(outage.get("lastLost").asString());
            // Every interval from the first lost to the last is missing from the series, and they are as many as
            // health says; the intervals either side of the outage were written.
            long missing = Duration.between(firstLost, lastLost).toMillis() / INTERVAL.toMillis() + 1;
            for (Instant t = firstLost; !t.isAfter(lastLost); t = t.plus(INTERVAL)) {
                assertThat(points).doesNotContain(t);
            }
            assertThat(missing).isEqualTo(outage.get("lostIntervals").asLong());
            assertThat(points).contains(firstLost.minus(INTERVAL), lastLost.plus(INTERVAL));
            assertThat(app.metric("livechain_history_dropped_total", ""))
                    .isEqualTo((double) outage.get("lostPoints").asLong());
            assertThat(app.metric("livechain_history_points_total", "")).isPositive();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Waits for the nearest NIFTY expiry to have ATM prices and IV; returns it. */
    static LocalDate awaitPrices(HistoryApp app) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode live = app.json("/options/live?underlying=NIFTY&strikes=1");
            JsonNode atm = live.get("strikes").get(1);
            assertThat(atm.get("ce").get("iv").isNumber()).isTrue();
            assertThat(atm.get("pe").get("iv").isNumber()).isTrue();
        });
        return LocalDate.parse(app.json("/options/live?underlying=NIFTY&strikes=1").get("expiry").asString());
    }

    /** The chain's version once it has held still for two polls in a row. */
    static long awaitQuiet(OptionChain chain) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(400))
                .until(() -> chain.version() == last.getAndSet(chain.version()));
        return last.get();
    }

    static Instant boundaryAfter(Instant now) {
        long ms = INTERVAL.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms + ms);
    }

    static JsonNode pointAt(HistoryApp app, LocalDate expiry, Instant t) {
        JsonNode points = app.json("/options/series?underlying=NIFTY&expiry=" + expiry + "&from=" + t + "&to=" + t)
                .get("points");
        return points.isEmpty() ? null : points.get(0);
    }

    /** The recorded intervals of the expiry in the default range (the current session). */
    static List<Instant> series(HistoryApp app, LocalDate expiry) {
        JsonNode body = app.json("/options/series?underlying=NIFTY&expiry=" + expiry);
        assertThat(body.get("interval").asString()).isEqualTo("PT2S");
        List<Instant> ts = new ArrayList<>();
        body.get("points").forEach(p -> ts.add(java.time.OffsetDateTime.parse(p.get("t").asString()).toInstant()));
        return ts;
    }

    static JsonNode historyHealth(HistoryApp app) {
        return HistoryApp.JSON.readTree(app.get("/actuator/health").body()).get("components").get("history");
    }

    static JsonNode row(JsonNode live, long strike) {
        for (JsonNode row : live.get("strikes")) {
            if (row.get("strike").asLong() == strike) {
                return row;
            }
        }
        throw new AssertionError("no strike " + strike);
    }

    static double mid(JsonNode leg) {
        return leg.get("bid").isNumber() && leg.get("ask").isNumber()
                ? (leg.get("bid").asDouble() + leg.get("ask").asDouble()) / 2 : leg.get("ltp").asDouble();
    }

}
