package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.livechain.chain.ExchangeSegment;
import com.livechain.config.SimulatorHandle;
import com.livechain.simulator.market.SimulatedPast;

/**
 * The app in simulated mode with a history store: once the chain is ready the backfill fills a year of IV history
 * from the simulator through the real wiring (the chain's underlyings and segments, the chart client, the
 * simulator's chart endpoints), and says so in its metrics. The store here is the backfill's interface in memory;
 * the real databases join when the history store does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livechain.mode=simulated", "livechain.simulator.seed=42", "livechain.underlyings=NIFTY,SENSEX",
                "livechain.simulator.listing=near", "livechain.simulator.data-api-requests-per-second=1000",
                "livechain.dhan.charts.interval=0ms", "livechain.dhan.rest.option-chain-interval=100ms",
                "livechain.simulator.option-chain-interval=100ms"})
class BackfillEndToEndTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void noCredentials(DynamicPropertyRegistry registry) {
        registry.add("livechain.credentials.db", () -> dir.resolve("credentials.db").toString());
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
    }

    @TestConfiguration
    static class Store {
        @Bean
        InMemoryIvHistory ivHistory() {
            return new InMemoryIvHistory();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemoryIvHistory store;

    @Autowired
    IvBackfill backfill;

    @Autowired
    SimulatorHandle simulator;

    private String prometheus() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aYearOfIvHistoryIsBackfilledFromTheSimulatorOnceTheChainIsReady() throws Exception {
        await().atMost(Duration.ofMinutes(5)).until(() -> backfill.runsCompleted() >= 1);

        SimulatedPast past = new SimulatedPast(simulator.simulator().market(), simulator.simulator().seed(),
                SimulatedPast.WEEKDAYS_AND_2026_HOLIDAYS);
        for (String symbol : new String[] {"NIFTY", "SENSEX"}) {
            Map<LocalDate, IvDay> days = store.days(symbol);
            assertThat(days).as(symbol).hasSizeGreaterThan(240);
            ExchangeSegment segment = symbol.equals("NIFTY") ? ExchangeSegment.NSE_FNO : ExchangeSegment.BSE_FNO;
            IvHistoryExpiry rule = new IvHistoryExpiry(segment, TradingDays.WEEKDAYS);
            for (IvDay day : days.values()) {
                assertThat(past.hasSession(symbol, day.date())).as(symbol + " " + day.date()).isTrue();
                int code = rule.forDay(day.date()).expiryCode();
                double[] call = past.rolling(symbol, false, code, 0, true, 1, day.date(), day.date()).iv();
                double[] put = past.rolling(symbol, false, code, 0, false, 1, day.date(), day.date()).iv();
                assertThat(day.atmIv()).as(symbol + " " + day.date())
                        .isCloseTo((call[call.length - 1] + put[put.length - 1]) / 2, within(1e-9));
            }
        }

        String metrics = prometheus();
        assertThat(metrics).containsPattern("livechain_history_backfill_days_total\\{outcome=\"filled\",underlying=\"NIFTY\"} "
                + store.days("NIFTY").size() + "\\.0");
        assertThat(metrics).contains("livechain_history_backfill_days_remaining 0.0");
        assertThat(metrics).contains("livechain_dhan_charts_malformed_total{endpoint=\"rollingoption\"} 0.0");
    }
}
