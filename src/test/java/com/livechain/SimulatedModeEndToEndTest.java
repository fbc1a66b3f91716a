package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ChainCache;
import com.livechain.config.SimulatorHandle;
import com.livechain.dhan.feed.FeedClient;

/**
 * {@code ./mvnw spring-boot:run} without credentials, as a test: the app starts the embedded
 * simulator, loads it through the same REST client, subscribes through the same feed client, and
 * serves a moving, put-call consistent chain that says SIMULATED.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livechain.mode=auto", "livechain.simulator.seed=42", "livechain.simulator.ticks-per-second=10",
                "livechain.dhan.rest.option-chain-interval=100ms", "livechain.simulator.option-chain-interval=100ms"})
class SimulatedModeEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path store;

    @DynamicPropertySource
    static void noCredentials(DynamicPropertyRegistry registry) {
        registry.add("livechain.credentials.db", () -> store.resolve("credentials.db").toString());
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
    }

    @LocalServerPort
    int port;

    @Autowired
    SimulatorHandle simulator;

    @Autowired
    FeedClient feed;

    @Autowired
    ChainCache cache;

    @Autowired
    JsonMapper appMapper;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode live(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/options/live?" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theApplicationsMapperWritesDoublesWithJacksonsFastWriter() throws Exception {
        // JsonWritingConfiguration: the chain's ~4,700 numbers a body are written by Schubfach, not Double.toString.
        assertThat(appMapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
        assertThat(appMapper.writeValueAsString(new double[] {24512.35, 0.0001, 112.5, 1.0E7}))
                .isEqualTo("[24512.35,1.0E-4,112.5,1.0E7]");
    }

    @Test
    void everyResponseSaysSimulatedAndTheChainIsFilled() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode chain = live("underlying=NIFTY&strikes=5");
            assertThat(chain.get("source").asString()).isEqualTo("SIMULATED");
            assertThat(chain.get("underlying").get("ltp").isNumber()).isTrue();
            assertThat(chain.get("underlying").get("prevClose").isNumber()).isTrue();
            assertThat(chain.get("atmStrike").isNumber()).isTrue();
            assertThat(chain.get("strikes")).hasSize(11);
            for (JsonNode row : chain.get("strikes")) {
                for (String side : List.of("ce", "pe")) {
                    JsonNode leg = row.get(side);
                    for (String field : List.of("ltp", "bid", "ask", "bidQty", "askQty", "volume", "oi", "oiChange",
                            "prevClose", "updatedAt")) {
                        assertThat(leg.get(field).isNull()).as("%s %s %s", row.get("strike"), side, field).isFalse();
                    }
                    assertThat(leg.get("bid").asDouble()).isLessThanOrEqualTo(leg.get("ask").asDouble());
                }
            }
        });
        HttpResponse<String> underlyings = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/options/underlyings")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(underlyings.body()).get("source").asString()).isEqualTo("SIMULATED");
        assertThat(JSON.readTree(underlyings.body()).get("underlyings").valueStream().map(u -> u.get("symbol").asString()))
                .as("configuration order").containsExactly("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX", "BANKEX");
    }

    @Test
    void nearTheMoneyLegsCarryIvGreeksAndTheSummary() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode chain = live("underlying=NIFTY&strikes=2");
            JsonNode atm = chain.get("strikes").get(2);
            // The simulator's NIFTY smile is 12-16% at the money.
            assertThat(atm.get("ce").get("iv").asDouble()).isBetween(8.0, 25.0);
            assertThat(atm.get("pe").get("iv").asDouble()).isBetween(8.0, 25.0);
            assertThat(atm.get("ce").get("delta").asDouble()).isBetween(0.3, 0.7);
            assertThat(atm.get("pe").get("delta").asDouble()).isBetween(-0.7, -0.3);
            assertThat(atm.get("ce").get("delta").asDouble() - atm.get("pe").get("delta").asDouble()).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-3));
            assertThat(atm.get("ce").get("gamma").asDouble()).isPositive();
            assertThat(atm.get("ce").get("theta").asDouble()).isNegative();
            assertThat(atm.get("pe").get("vega").asDouble()).isPositive();
            JsonNode summary = chain.get("summary");
            assertThat(summary.get("pcr").asDouble()).isPositive();
            assertThat(summary.get("maxPain").isNumber()).isTrue();
            assertThat(summary.get("totalCeOi").asLong()).isPositive();
            assertThat(summary.get("totalPeOi").asLong()).isPositive();
        });
    }

    /** Nothing here asks the market to move: the simulator's own ticks, through the feed, must move it. */
    @Test
    void pricesMoveOnTheirOwnBetweenTwoCalls() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> live("underlying=NIFTY").get("underlying").get("ltp").isNumber());
        JsonNode first = live("underlying=NIFTY&strikes=10");
        await("the spot and the strikes to move").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode later = live("underlying=NIFTY&strikes=10");
                    assertThat(later.get("underlying").get("ltp").asDouble())
                            .isNotEqualTo(first.get("underlying").get("ltp").asDouble());
                    assertThat(later.get("strikes")).isNotEqualTo(first.get("strikes"));
                });
    }

    @Test
    void nearTheMoneyPricesAreConsistentWithPutCallParity() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> live("underlying=NIFTY&strikes=3").get("strikes").get(3)
                .get("pe").get("ask").isNumber());
        JsonNode chain = live("underlying=NIFTY&strikes=3");
        double spot = chain.get("underlying").get("ltp").asDouble();
        // C - P + K is the discounted forward at every strike: the same number across the ladder.
        List<Double> forwards = new ArrayList<>();
        for (JsonNode row : chain.get("strikes")) {
            double call = (row.get("ce").get("bid").asDouble() + row.get("ce").get("ask").asDouble()) / 2;
            double put = (row.get("pe").get("bid").asDouble() + row.get("pe").get("ask").asDouble()) / 2;
            forwards.add(call - put + row.get("strike").asDouble());
        }
        double min = forwards.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = forwards.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(max - min).as("implied forwards %s", forwards).isLessThan(spot * 0.003);
        assertThat(min).isBetween(spot * 0.98, spot * 1.03);
    }

    @Test
    void theSubscriptionWentThroughTheProductionFeedClient() {
        await().atMost(Duration.ofSeconds(20)).until(feed::isUp);
        var counters = simulator.simulator().counters();
        long options = cache.index().options().size();
        assertThat(counters.requestInstruments(21)).isEqualTo(options);
        assertThat(counters.requestInstruments(15)).isEqualTo(6);
        assertThat(counters.requests(21)).isEqualTo((options + 99) / 100);
        assertThat(feed.subscribedInstruments()).isEqualTo(options + 6);
    }
}
