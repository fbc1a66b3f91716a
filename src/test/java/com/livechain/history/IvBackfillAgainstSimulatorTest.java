package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;
import com.livechain.analytics.IvRank;
import com.livechain.chain.ExchangeSegment;
import com.livechain.dhan.rest.DhanChartsClient;
import com.livechain.dhan.rest.DhanChartsProperties;
import com.livechain.dhan.rest.DhanRestProperties;
import com.livechain.market.MarketHours;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimulatedPast;

/**
 * The backfill over the wire: the chart client asking the simulator, as the app does in simulated mode. What it
 * stores must be what the simulator's own past says, recomputed here from that past.
 */
class IvBackfillAgainstSimulatorTest {

    private static final Instant NOW = LocalDate.of(2026, 12, 1).atTime(10, 0).atZone(MarketHours.IST).toInstant();
    private static DhanSimulator simulator;
    private static DhanChartsClient client;
    private static final InMemoryIvHistory store = new InMemoryIvHistory();
    private static List<IvBackfill.Outcome> outcomes;
    private static SimulatedPast past;

    @BeforeAll
    static void backfillFromTheSimulator() throws InterruptedException {
        simulator = DhanSimulator.start(SimulatorProperties.builder().seed(7L).realTime(false)
                .listing(SimulatorProperties.Listing.NEAR).dataApiRequestsPerSecond(1000).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // The same market before any tick, so the same past the simulator answers from.
        past = new SimulatedPast(simulator.market(), simulator.seed(), SimulatedPast.WEEKDAYS_AND_2026_HOLIDAYS);
        client = new DhanChartsClient(simulator.access(), DhanRestProperties.defaults(),
                new DhanChartsProperties(Duration.ZERO));
        IvBackfill backfill = new IvBackfill(true, client::rollingOption, () -> store,
                () -> List.of(new BackfillTarget("NIFTY", 13, ExchangeSegment.NSE_FNO),
                        new BackfillTarget("SENSEX", 51, ExchangeSegment.BSE_FNO)),
                TradingDays.WEEKDAYS, new MutableClock(NOW), new SimpleMeterRegistry());
        outcomes = backfill.runOnce();
        backfill.destroy();
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    /** The contract's value for a day, recomputed from the simulator's past: the mean ATM IV at the last minute. */
    private static double expected(String symbol, LocalDate day, ExchangeSegment segment) {
        int code = new IvHistoryExpiry(segment, TradingDays.WEEKDAYS).forDay(day).expiryCode();
        double[] call = past.rolling(symbol, false, code, 0, true, 1, day, day).iv();
        double[] put = past.rolling(symbol, false, code, 0, false, 1, day, day).iv();
        return (call[call.length - 1] + put[put.length - 1]) / 2;
    }

    @Test
    void everyTradingDayOfTheYearIsFilledAndTheSimulatorsHolidaysAreEmpty() {
        // 1 Dec 2025 to 30 Nov 2026: 261 weekdays, 15 of them 2026 holidays the simulator keeps closed.
        assertThat(outcomes).extracting(IvBackfill.Outcome::symbol).containsExactly("NIFTY", "SENSEX");
        for (IvBackfill.Outcome outcome : outcomes) {
            assertThat(outcome.missing()).isEqualTo(261);
            assertThat(outcome.filled()).as(outcome.symbol()).isEqualTo(246);
            assertThat(outcome.empty()).isEqualTo(15);
            assertThat(outcome.failed()).isZero();
        }
        assertThat(store.days("NIFTY")).doesNotContainKeys(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 1, 26));
    }

    @Test
    void eachDayIsTheSimulatorsAtmIvOfTheMonthlyWithSevenDaysLeft() {
        for (String symbol : List.of("NIFTY", "SENSEX")) {
            ExchangeSegment segment = symbol.equals("NIFTY") ? ExchangeSegment.NSE_FNO : ExchangeSegment.BSE_FNO;
            for (Map.Entry<LocalDate, IvDay> day : store.days(symbol).entrySet()) {
                assertThat(day.getValue().atmIv()).as(symbol + " " + day.getKey())
                        .isCloseTo(expected(symbol, day.getKey(), segment), within(1e-9));
                assertThat(day.getValue().origin()).isEqualTo(IvDay.Origin.BACKFILLED);
            }
        }
    }

    @Test
    void theYearEndsAtTheLiveLevelAndHasARangeToRankIn() {
        double[] ivs = store.days("NIFTY").values().stream().mapToDouble(IvDay::atmIv).toArray();
        double last = ivs[ivs.length - 1];
        // The last session's level is the live smile's (13% at a month for NIFTY, a point or so of term structure).
        assertThat(last).isBetween(12.0, 14.5);
        double min = java.util.Arrays.stream(ivs).min().orElseThrow();
        double max = java.util.Arrays.stream(ivs).max().orElseThrow();
        assertThat(max - min).as("a year of IV moves by points, not decimals").isGreaterThan(3.0);
        double rank = IvRank.rank(last, ivs, ivs.length);
        assertThat(rank).isCloseTo((last - min) / (max - min) * 100, within(1e-9));
    }
}
