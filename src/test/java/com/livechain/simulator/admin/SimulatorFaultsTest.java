package com.livechain.simulator.admin;

import com.livechain.simulator.DhanPackets;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.feed.FeedTestClient;
import com.livechain.simulator.market.SimulatedMarketTest;
import com.livechain.simulator.rest.RestServletTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.credentials.DhanCredentials;

class SimulatorFaultsTest {

    static final OkHttpClient HTTP = new OkHttpClient();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final String EXPIRY_LIST = "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}";

    private DhanSimulator simulator;
    private final List<FeedTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        simulator = DhanSimulator.start(SimulatorProperties.builder().seed(42L).realTime(false)
                        .optionChainInterval(Duration.ofMillis(1)).dataApiRequestsPerSecond(1000).build(),
                Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        clients.forEach(FeedTestClient::close);
        simulator.close();
    }

    private FeedTestClient subscribedClient(OkHttpClient http) throws Exception {
        FeedTestClient client = FeedTestClient.open(http, simulator.feedUrl(), simulator.credentials());
        clients.add(client);
        client.subscribe(15, "IDX_I", List.of(13L));
        client.packetsUntil(p -> p.stream().anyMatch(x -> x.code() == 2), Duration.ofSeconds(5));
        return client;
    }

    private FeedTestClient subscribedClient() throws Exception {
        return subscribedClient(HTTP);
    }

    /** POST to an admin path; answers the JSON body. */
    private JsonNode admin(String path) throws IOException {
        Request request = new Request.Builder().url(simulator.adminUrl() + path)
                .post(RequestBody.create(new byte[0])).build();
        try (Response response = HTTP.newCall(request).execute()) {
            assertThat(response.code()).as(path).isEqualTo(200);
            return MAPPER.readTree(response.body().string());
        }
    }

    @Test
    void dropCutsTheConnectionWithoutACloseFrame() throws Exception {
        FeedTestClient client = subscribedClient();
        assertThat(admin("/faults/drop").get("dropped").asInt()).isEqualTo(1);
        assertThat(client.failed.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(client.closed).isNotDone();
        assertThat(simulator.feedConnections()).isZero();
    }

    @Test
    void stallKeepsTheSocketOpenWithNoFramesAndNoPongsThenResumes() throws Exception {
        FeedTestClient quiet = subscribedClient();
        FeedTestClient pinging = subscribedClient(HTTP.newBuilder().pingInterval(Duration.ofMillis(200)).build());
        assertThat(admin("/faults/stall?seconds=2").get("stalled").asInt()).isEqualTo(2);
        quiet.frames.clear();

        simulator.market().step(Duration.ofSeconds(1));
        assertThat(quiet.nextFrame(Duration.ofMillis(700))).as("no frames while stalled").isNull();
        assertThat(quiet.closed).isNotDone();
        assertThat(quiet.failed).isNotDone();
        // The server answers no pings while stalled: OkHttp gives up on the connection.
        assertThat(pinging.failed.get(3, TimeUnit.SECONDS)).hasMessageContaining("pong");

        await().atMost(4, TimeUnit.SECONDS).until(() -> {
            simulator.market().step(Duration.ofMillis(250));
            return quiet.nextFrame(Duration.ofMillis(100)) != null;
        });
        assertThat(quiet.failed).isNotDone();
    }

    @Test
    void stallEndsEarlyOnClear() throws Exception {
        FeedTestClient client = subscribedClient();
        simulator.faults().stall(Duration.ofMinutes(5));
        client.frames.clear();
        simulator.market().step(Duration.ofSeconds(1));
        assertThat(client.nextFrame(Duration.ofMillis(300))).isNull();
        admin("/faults/clear");
        simulator.market().step(Duration.ofSeconds(1));
        assertThat(client.nextFrame(Duration.ofSeconds(2))).isNotNull();
    }

    @Test
    void disconnectSendsTheReasonCodeThenCloses() throws Exception {
        FeedTestClient client = subscribedClient();
        client.frames.clear();
        JsonNode answer = admin("/faults/disconnect?code=807");
        assertThat(answer.get("disconnected").asInt()).isEqualTo(1);
        assertThat(DhanPackets.decodeStrict(client.nextFrame(Duration.ofSeconds(5)))).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(50);
            assertThat(p.reason()).isEqualTo(807);
        });
        assertThat(client.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1000);
    }

    @Test
    void garbageMixesMalformedFramesWithValidPacketsAndTheFeedGoesOn() throws Exception {
        FeedTestClient client = subscribedClient();
        client.frames.clear();
        assertThat(admin("/faults/garbage").get("connections").asInt()).isEqualTo(1);
        await().atMost(3, TimeUnit.SECONDS).until(() -> client.frames.size() >= 6 && !client.texts.isEmpty());
        List<String> problems = new ArrayList<>();
        List<DhanPackets.Packet> valid = new ArrayList<>();
        byte[] frame;
        while ((frame = client.frames.poll()) != null) {
            DhanPackets.Decoded decoded = DhanPackets.decode(frame);
            problems.addAll(decoded.problems());
            valid.addAll(decoded.packets());
        }
        assertThat(problems).anyMatch(p -> p.startsWith("unknown code 99"))
                .anyMatch(p -> p.contains("shorter than a header"))
                .anyMatch(p -> p.contains("past the frame end"))
                .anyMatch(p -> p.contains("below the header size"))
                .anyMatch(p -> p.contains("length 170, documented 162"));
        assertThat(valid).extracting(DhanPackets.Packet::code).contains(2, 6);
        assertThat(client.texts.poll()).contains("garbage");
        assertThat(simulator.counters().garbageFramesSent()).isEqualTo(7);

        simulator.market().step(Duration.ofMillis(500));
        assertThat(client.packetsUntil(p -> p.size() >= 2, Duration.ofSeconds(3))).extracting(DhanPackets.Packet::code)
                .containsOnly(2);
    }

    @Test
    void rejectConnectionsRefusesTheHandshakeForAWhile() throws Exception {
        admin("/faults/reject-connections?seconds=1");
        FeedTestClient refused = FeedTestClient.connect(HTTP, FeedTestClient.url(simulator.feedUrl(), simulator.credentials()));
        clients.add(refused);
        assertThat(refused.failed.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(refused.failureResponse.code()).isEqualTo(503);
        assertThat(simulator.counters().connectionsRefused()).isEqualTo(1);

        await().pollDelay(1, TimeUnit.SECONDS).atMost(3, TimeUnit.SECONDS).untilAsserted(() -> {
            FeedTestClient accepted = FeedTestClient.open(HTTP, simulator.feedUrl(), simulator.credentials());
            clients.add(accepted);
        });
    }

    @Test
    void rotatingTheTokenExpiresTheOldOneOnRestAndFeed() throws Exception {
        DhanCredentials old = simulator.credentials();
        FeedTestClient client = subscribedClient();
        client.frames.clear();

        JsonNode fresh = admin("/token/rotate");
        assertThat(fresh.get("clientId").asString()).isEqualTo(old.clientId());
        assertThat(fresh.get("accessToken").asString()).isNotEqualTo(old.accessToken());
        assertThat(simulator.access().credentials()).get().satisfies(c ->
                assertThat(c.accessToken()).isEqualTo(fresh.get("accessToken").asString()));

        assertThat(DhanPackets.decodeStrict(client.nextFrame(Duration.ofSeconds(5))))
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo(807));
        assertThat(RestServletTest.post(simulator, "/optionchain/expirylist", EXPIRY_LIST, old).status()).isEqualTo(401);

        FeedTestClient stale = FeedTestClient.connect(HTTP, FeedTestClient.url(simulator.feedUrl(), old));
        clients.add(stale);
        assertThat(DhanPackets.decodeStrict(stale.nextFrame(Duration.ofSeconds(5))))
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo(807));

        DhanCredentials current = simulator.access().credentials().orElseThrow();
        assertThat(RestServletTest.post(simulator, "/optionchain/expirylist", EXPIRY_LIST, current).status()).isEqualTo(200);
        FeedTestClient renewed = FeedTestClient.open(HTTP, simulator.feedUrl(), current);
        clients.add(renewed);
        renewed.subscribe(15, "IDX_I", List.of(13L));
        assertThat(renewed.packetsUntil(p -> p.stream().anyMatch(x -> x.code() == 2), Duration.ofSeconds(5)))
                .extracting(DhanPackets.Packet::code).contains(2);
    }

    @Test
    void chainFailureAnswersDhansFailureBodyOnce() throws Exception {
        String expiry = simulator.market().expiries("NIFTY").get(0).toString();
        String body = "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"" + expiry + "\"}";
        admin("/faults/chain-failure?count=1");
        RestServletTest.Answer failed = RestServletTest.post(simulator, "/optionchain", body, simulator.credentials());
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().get("status").asString()).isEqualTo("failure");
        assertThat(failed.json().get("data").asString()).isEmpty();
        assertThat(failed.json().get("remarks").isObject()).isTrue();
        Thread.sleep(5);
        RestServletTest.Answer next = RestServletTest.post(simulator, "/optionchain", body, simulator.credentials());
        assertThat(next.json().get("status").asString()).isEqualTo("success");
    }

    @Test
    void restOutageAnswers502Html() throws Exception {
        admin("/faults/rest-outage?seconds=60");
        RestServletTest.Answer answer = RestServletTest.post(simulator, "/optionchain/expirylist", EXPIRY_LIST,
                simulator.credentials());
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.contentType()).startsWith("text/html");
        simulator.faults().clear();
        assertThat(RestServletTest.post(simulator, "/optionchain/expirylist", EXPIRY_LIST, simulator.credentials())
                .status()).isEqualTo(200);
    }

    @Test
    void countersAndCredentialsAreReadable() throws Exception {
        subscribedClient();
        try (Response response = HTTP.newCall(new Request.Builder().url(simulator.adminUrl() + "/counters").build()).execute()) {
            JsonNode counters = MAPPER.readTree(response.body().string());
            assertThat(counters.get("connectionsAccepted").asLong()).isEqualTo(1);
            assertThat(counters.get("requests.15").asLong()).isEqualTo(1);
            assertThat(counters.get("packets.2").asLong()).isGreaterThanOrEqualTo(1);
        }
        try (Response response = HTTP.newCall(new Request.Builder().url(simulator.adminUrl() + "/credentials").build()).execute()) {
            assertThat(MAPPER.readTree(response.body().string()).get("accessToken").asString())
                    .isEqualTo(simulator.credentials().accessToken());
        }
    }
}
