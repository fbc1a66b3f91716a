package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;

/**
 * The daily reload end to end, without a restart: the app runs against the Dhan simulator (real HTTP, the real
 * feed), the simulator lists a new weekly and delists a weekly through its admin paths, and
 * {@code POST /actuator/chainreload} brings the served universe up to date. The new expiry is served and its legs
 * subscribed on the connection already open, the delisted one's legs are unsubscribed and a push session pinned to
 * it is told so, kept legs keep their ids and prices, and readiness stays UP throughout. Then the simulator spoils
 * its scrip master (truncated, empty): the reload is refused, the chains stay, health says DEGRADED with the
 * reason and the reload counter counts it; with the fault cleared the next reload succeeds and health is UP.
 *
 * <p>The market is still (the simulator ticks only when the test steps it, which it does not during a reload),
 * so prices before and after a reload can be compared exactly.
 */
@SpringBootTest(classes = {LivechainApplication.class, ChainReloadEndToEndTest.Wiring.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.mode=live",
        "livechain.underlyings=NIFTY",
        // The market only moves when the test says: no data for a while is no stall here.
        "livechain.feed.stall-after=1h",
        "livechain.dhan.rest.option-chain-interval=20ms",
        "management.endpoints.web.exposure.include=health,prometheus,chainreload"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainReloadEndToEndTest {

    /** Thursday 26 Nov 2026, 10:30 IST: NIFTY lists the weeklies 1, 8, 15, 22 Dec and the monthlies from 29 Dec. */
    static final Instant START = Instant.parse("2026-11-26T05:00:00Z");
    static final String DELISTED = "2026-12-08";
    static final String KEPT = "2026-12-15";
    static final String NEW_WEEKLY = "2027-01-05";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
    static final DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(14L).realTime(false)
            .listing(SimulatorProperties.Listing.NEAR).optionChainInterval(Duration.ofMillis(10))
            .dataApiRequestsPerSecond(1_000).build(), CLOCK);

    @DynamicPropertySource
    static void againstTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("livechain.dhan.client-id", () -> dhan.credentials().clientId());
        registry.add("livechain.dhan.access-token", () -> dhan.credentials().accessToken());
        registry.add("livechain.dhan.rest-url", dhan::restUrl);
        registry.add("livechain.dhan.feed-url", dhan::feedUrl);
        registry.add("livechain.dhan.instruments-url", dhan::instrumentsUrl);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        @Primary
        Clock reloadTestClock() {
            return CLOCK;
        }

        @Bean(destroyMethod = "close")
        DhanSimulator reloadSimulator() {
            return dhan;
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode app(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode reload() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/chainreload")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode simulator(String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dhan.adminUrl() + path));
        request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<String> expiries() throws Exception {
        JsonNode nifty = app("/options/underlyings").get("underlyings").get(0);
        assertThat(nifty.get("symbol").asString()).isEqualTo("NIFTY");
        return nifty.get("expiries").valueStream().map(JsonNode::asString).toList();
    }

    /** Every leg of an expiry as served: "strike CE" to its security id and last price. */
    private Map<String, String> legs(String expiry) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode row : app("/options/live?underlying=NIFTY&expiry=" + expiry).get("strikes")) {
            for (String side : List.of("ce", "pe")) {
                JsonNode leg = row.get(side);
                out.put(row.get("strike").asString() + " " + side, leg.get("securityId").asString() + " @ "
                        + leg.get("ltp").asString());
            }
        }
        return out;
    }

    private static List<Long> ids(Map<String, String> legs) {
        return legs.values().stream().map(v -> Long.parseLong(v.substring(0, v.indexOf(' ')))).sorted().toList();
    }

    private double reloads(String outcome) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")));
        Matcher m = Pattern.compile("(?m)^livechain_chain_reloads_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} ([0-9.eE+-]+)$").matcher(response.body());
        assertThat(m.find()).as("livechain_chain_reloads_total{outcome=%s} in\n%s", outcome, response.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private JsonNode reloadHealth() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")));
        return JSON.readTree(response.body()).get("components").get("reload");
    }

    /** Polls readiness until stopped, keeping every answer: a reload must never make the app unready. */
    final class ReadinessWatch implements AutoCloseable {
        final List<String> answers = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")));
                    answers.add(r.statusCode() + " " + JSON.readTree(r.body()).get("status").asString());
                } catch (Exception e) {
                    answers.add("failed: " + e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        });

        /** Waits until {@code count} more answers came in than now. */
        void more(int count) {
            int target = answers.size() + count;
            await().atMost(WAIT).until(() -> answers.size() >= target);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            done.get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")));
            return r.statusCode() == 200 && dhan.feedConnections() > 0;
        });
        // Every leg of the universe subscribed and priced before the test compares prices.
        await().atMost(WAIT).until(() -> legs(KEPT).values().stream().noneMatch(v -> v.endsWith("null")));
    }

    @Test
    @Order(1)
    void aNewWeeklyIsServedAndSubscribedOnTheOpenConnectionAndADelistedOneIsDroppedWithoutAGap() throws Exception {
        awaitReady();
        assertThat(expiries()).contains(DELISTED, KEPT).doesNotContain(NEW_WEEKLY);
        Map<String, String> keptBefore = legs(KEPT);
        List<Long> delistedIds = ids(legs(DELISTED));
        List<Long> connectionsBefore = dhan.feedSubscriptions(null).stream()
                .map(c -> c.id()).toList();
        long handshakes = dhan.counters().connectionsAuthenticated();
        long subscribed = dhan.counters().requestInstruments(21);
        long unsubscribed = dhan.counters().requestInstruments(22);
        double applied = reloads("applied");

        try (TextSocket pinned = TextSocket.open(http, port); ReadinessWatch readiness = new ReadinessWatch()) {
            pinned.send("{\"underlying\":\"NIFTY\",\"expiry\":\"" + DELISTED + "\"}");
            JsonNode snapshot = JSON.readTree(pinned.next(WAIT));
            assertThat(snapshot.get("type").asString()).as(snapshot.toString()).isEqualTo("snapshot");
            readiness.more(3);

            JsonNode listed = simulator("POST", "/listing/expiry?underlying=NIFTY");
            assertThat(listed.get("expiry").asString()).isEqualTo(NEW_WEEKLY);
            List<Long> newIds = listed.get("securityIds").valueStream().map(JsonNode::asLong).sorted().toList();
            assertThat(simulator("POST", "/listing/delist?underlying=NIFTY&expiry=" + DELISTED).get("legs").asInt())
                    .isEqualTo(delistedIds.size());

            JsonNode result = reload();
            assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("applied");
            assertThat(result.get("expiriesAdded").get("NIFTY").valueStream().map(JsonNode::asString))
                    .containsExactly(NEW_WEEKLY);
            assertThat(result.get("expiriesRemoved").get("NIFTY").valueStream().map(JsonNode::asString))
                    .containsExactly(DELISTED);
            assertThat(result.get("legsAdded").asInt()).isEqualTo(newIds.size());
            assertThat(result.get("legsRemoved").asInt()).isEqualTo(delistedIds.size());
            assertThat(reloads("applied")).isEqualTo(applied + 1);

            assertThat(expiries()).contains(NEW_WEEKLY, KEPT).doesNotContain(DELISTED);
            assertThat(ids(legs(NEW_WEEKLY))).isEqualTo(newIds);

            // The feed subscribes the new legs on the connection already open, and only those, and ends the
            // delisted ones' subscriptions; no new connection.
            String idList = newIds.stream().map(String::valueOf).collect(Collectors.joining(","));
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    simulator("GET", "/feed/subscriptions?segment=NSE_FNO&ids=" + idList).get("ofAsked").asInt())
                    .isEqualTo(newIds.size()));
            String goneList = delistedIds.stream().map(String::valueOf).collect(Collectors.joining(","));
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    simulator("GET", "/feed/subscriptions?segment=NSE_FNO&ids=" + goneList).get("ofAsked").asInt())
                    .isZero());
            assertThat(dhan.counters().requestInstruments(21) - subscribed).isEqualTo(newIds.size());
            assertThat(dhan.counters().requestInstruments(22) - unsubscribed).isEqualTo(delistedIds.size());
            assertThat(dhan.counters().connectionsAuthenticated()).isEqualTo(handshakes);
            assertThat(dhan.feedSubscriptions(null).stream().map(c -> c.id()).toList()).isEqualTo(connectionsBefore);
            // The new weekly is priced from the feed.
            await().atMost(WAIT).until(() -> legs(NEW_WEEKLY).values().stream().noneMatch(v -> v.endsWith("null")));

            // Kept legs: the same ids and the same prices, nothing reset by the reload.
            assertThat(legs(KEPT)).isEqualTo(keptBefore);

            // The push session pinned to the delisted expiry is told so, with the expiries that are live now.
            JsonNode error = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (error == null && System.nanoTime() < deadline) {
                String text = pinned.next(Duration.ofSeconds(1));
                JsonNode message = text == null ? null : JSON.readTree(text);
                if (message != null && message.get("type").asString().equals("error")) {
                    error = message;
                }
            }
            assertThat(error).as("an error message on the pinned session").isNotNull();
            assertThat(error.get("detail").asString()).isEqualTo("The NIFTY " + DELISTED
                    + " expiry is no longer live; subscribe to one that is.");
            assertThat(error.get("available").valueStream().map(JsonNode::asString)).contains(NEW_WEEKLY, KEPT)
                    .doesNotContain(DELISTED);

            readiness.more(3);
            readiness.close();
            assertThat(readiness.answers).hasSizeGreaterThan(5).allMatch(a -> a.equals("200 UP"));
        }
    }

    @Test
    @Order(2)
    void aTruncatedOrEmptyListIsRefusedKeepingTheChainsThenTheNextGoodOneSucceeds() throws Exception {
        awaitReady();
        List<String> expiriesBefore = expiries();
        Map<String, String> keptBefore = legs(KEPT);
        double failed = reloads("failed");

        try (ReadinessWatch readiness = new ReadinessWatch()) {
            // A download that broke off between rows: the first 5% of the file, a few NIFTY weeklies' rows.
            simulator("POST", "/faults/scrip-master?mode=truncated&keepPercent=5");
            JsonNode truncated = reload();
            assertThat(truncated.get("outcome").asString()).as(truncated.toString()).isEqualTo("failed");
            assertThat(truncated.get("reason").asString()).contains("live NIFTY options against", "truncated download");
            assertThat(reloads("failed")).isEqualTo(failed + 1);
            JsonNode health = reloadHealth();
            assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.get("details").get("reason").asString()).isEqualTo(truncated.get("reason").asString());
            assertThat(expiries()).isEqualTo(expiriesBefore);
            assertThat(legs(KEPT)).isEqualTo(keptBefore);

            simulator("POST", "/faults/scrip-master?mode=empty");
            JsonNode empty = reload();
            assertThat(empty.get("outcome").asString()).as(empty.toString()).isEqualTo("failed");
            assertThat(empty.get("reason").asString()).isNotBlank();
            assertThat(reloads("failed")).isEqualTo(failed + 2);
            health = reloadHealth();
            assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.get("details").get("reason").asString()).isEqualTo(empty.get("reason").asString());
            assertThat(expiries()).isEqualTo(expiriesBefore);
            assertThat(legs(KEPT)).isEqualTo(keptBefore);

            simulator("POST", "/faults/clear");
            JsonNode good = reload();
            assertThat(good.get("outcome").asString()).as(good.toString()).isEqualTo("unchanged");
            health = reloadHealth();
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.get("details").get("lastOutcome").asString()).isEqualTo("unchanged");
            assertThat(reloads("failed")).isEqualTo(failed + 2);
            assertThat(expiries()).isEqualTo(expiriesBefore);

            readiness.more(3);
            readiness.close();
            assertThat(readiness.answers).hasSizeGreaterThan(5).allMatch(a -> a.equals("200 UP"));
        }
        // The overall health follows: DEGRADED while a reload had failed, UP again now.
        JsonNode health = JSON.readTree(send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health"))).body());
        assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("UP");
    }
}
