package com.livechain.ops;

import static com.livechain.ops.OperationsEndToEndTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import com.livechain.config.SimulatorHandle;
import com.livechain.simulator.DhanSimulator;

/**
 * The whole app against the embedded Dhan simulator, its market stepped by hand so every packet is known:
 * the feed's counters must match what the simulator sent, code by code, and the chain's tick counter their
 * sum. Then the failure traders feel most, a token that expires (807): readiness goes DOWN with the reason
 * once the feed has been down longer than the stale window, and UP again when the feed reconnects with the
 * renewed token, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.underlyings=NIFTY",
        "livechain.mode=simulated",
        "livechain.simulator.seed=7",
        "livechain.simulator.real-time=false",
        "livechain.stale-after=1s",
        // Only the test moves the market; a silent feed is expected and must not be replaced as stalled.
        "livechain.feed.stall-after=10m",
        "livechain.feed.auth-retry=3s",
        "livechain.feed.reconnect-min=10ms",
        "livechain.feed.reconnect-max=200ms",
        "livechain.credentials.db=target/ops-feed-e2e/credentials.db"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedOperationsEndToEndTest {

    /** Response codes the simulator sends for subscribed instruments: ticker, quote, OI, previous close, full. */
    static final int[] APPLIED_CODES = {2, 4, 5, 6, 8};

    @LocalServerPort
    int port;

    DhanSimulator simulator;

    @Autowired
    void simulator(SimulatorHandle handle) {
        this.simulator = handle.simulator();
    }

    HttpResponse<String> get(String path) {
        return OperationsEndToEndTest.get("http://localhost:" + port, path);
    }

    String scrape() {
        return get("/actuator/prometheus").body();
    }

    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Connections the feed needs for the chain: Dhan allows 5000 instruments on one. */
    static int feedConnections(String scrape) {
        double instruments = sample(scrape, "livechain_chain_legs") + sample(scrape, "livechain_chain_underlyings");
        return (int) Math.ceil(instruments / 5000);
    }

    static double packets(String scrape, int code) {
        return sample(scrape, "livechain_feed_packets_total{code=\"" + code + "\"}");
    }

    void awaitFeedCountsEqualSimulatorCounts() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = scrape();
            for (int code : APPLIED_CODES) {
                assertThat(packets(scrape, code)).as("code %d", code).isEqualTo(simulator.counters().packetsSent(code));
            }
        });
    }

    @Test
    @Order(1)
    void onceSubscribedTheFeedIsUpAndReadinessFollowsIt() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        JsonNode feed = json(get("/actuator/health")).path("components").path("feed");
        assertThat(feed.path("status").asString()).isEqualTo("UP");
        assertThat(feed.path("details").path("state").asString()).isEqualTo("up");
        assertThat(feed.path("details").path("upSince").asString()).endsWith("+05:30");
        String scrape = scrape();
        assertThat(sample(scrape, "livechain_feed_up")).isEqualTo(1.0);
        assertThat(sample(scrape, "livechain_feed_subscriptions"))
                .isEqualTo(sample(scrape, "livechain_chain_legs") + sample(scrape, "livechain_chain_underlyings"));
        assertThat(sample(scrape, "livechain_feed_unsubscribed")).isZero();
    }

    @Test
    @Order(2)
    void everyPacketTheSimulatorSendsIsCountedByCodeAndAppliedToTheChain() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        awaitFeedCountsEqualSimulatorCounts();
        String before = scrape();
        long[] sentBefore = new long[9];
        for (int code : APPLIED_CODES) {
            sentBefore[code] = simulator.counters().packetsSent(code);
        }

        simulator.market().step(Duration.ofSeconds(5));

        awaitFeedCountsEqualSimulatorCounts();
        String after = scrape();
        long sent = 0;
        for (int code : APPLIED_CODES) {
            sent += simulator.counters().packetsSent(code) - sentBefore[code];
        }
        assertThat(sent).isPositive();
        assertThat(sample(after, "livechain_ticks_applied_total") - sample(before, "livechain_ticks_applied_total"))
                .isEqualTo(sent);
        assertThat(after).as("ticks applied are exported once").doesNotContain("livechain_feed_ticks_applied_total");
        assertThat(sample(after, "livechain_last_tick_age_seconds{underlying=\"NIFTY\"}")).isBetween(0.0, 10.0);
        assertThat(sample(after, "livechain_feed_last_frame_age_seconds")).isBetween(0.0, 10.0);
    }

    @Test
    @Order(3)
    void malformedFramesAreCountedByReasonAndTheFeedStaysUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        String before = scrape();

        // NIFTY's full listing (long-dated expiries included) takes two feed connections: each gets the garbage.
        assertThat(simulator.faults().garbage()).isEqualTo(feedConnections(before));

        Map<String, Integer> atLeast = Map.of("unknown_code", 1, "short_header", 1, "past_frame_end", 1,
                "length_below_header", 1, "length_mismatch", 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape();
            atLeast.forEach((reason, n) -> {
                String series = "livechain_feed_malformed_packets_total{reason=\"" + reason + "\"}";
                assertThat(sample(after, series) - sample(before, series)).as(reason).isGreaterThanOrEqualTo(n);
            });
        });
        assertThat(sample(scrape(), "livechain_feed_up")).isEqualTo(1.0);
    }

    @Test
    @Order(4)
    void anExpiredTokenTakesReadinessDownWithTheReasonAndARenewedOneBringsItBackWithoutARestart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        // Dhan expires the token and disconnects with 807; the simulator has already issued the renewed one,
        // which the feed reads on its next attempt (livechain.feed.auth-retry later).
        simulator.faults().rotateToken();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            JsonNode feed = json(readiness).path("components").path("feed");
            assertThat(feed.path("status").asString()).isEqualTo("DOWN");
            assertThat(feed.path("details").path("state").asString()).isEqualTo("down");
            assertThat(feed.path("details").path("reason").asString()).contains("807");
        });
        assertThat(json(get("/actuator/health/readiness")).path("components").path("chain").path("status").asString())
                .isEqualTo("UP");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        String scrape = scrape();
        assertThat(sample(scrape, "livechain_feed_disconnects_total{code=\"807\"}")).isEqualTo(feedConnections(scrape));
        assertThat(sample(scrape, "livechain_feed_up")).isEqualTo(1.0);
    }
}
