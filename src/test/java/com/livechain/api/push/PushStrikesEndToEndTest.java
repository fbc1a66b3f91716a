package com.livechain.api.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.universe.ChainLoader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/options} with {@code strikes}, end to end: the whole app on a random port, a real WebSocket
 * client reading real messages, ticks applied through the feed's {@link TickApplier}. A ±N view is sent N
 * strikes each side of ATM, as {@code GET /options/live?strikes=N} shows them, and nothing outside them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livechain.mode=simulated", "livechain.underlyings=NIFTY,BANKNIFTY"})
class PushStrikesEndToEndTest {

    /** Generous: every wait is for a message, which arrives within a push interval on an idle machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FNO = ExchangeSegment.NSE_FNO.code();
    private static final int IDX = ExchangeSegment.IDX_I.code();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The test's own universe: no loader, so no feed, so the only ticks are the test's. */
    @MockitoBean
    ChainLoader loader;

    @LocalServerPort
    int port;

    @Autowired
    ChainCache cache;

    @Autowired
    TickApplier ticks;

    @Autowired
    PushBroadcaster broadcaster;

    private final List<PushTestClient> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void installUniverse() {
        PushFixtures.install(cache, MarketSource.SIMULATED);
        ticks.ticker(IDX, 13, 24512.35f, 1L); // ATM 24500 of NIFTY's 24000..25000
    }

    @AfterEach
    void closeClients() {
        open.forEach(PushTestClient::close);
        await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 0);
    }

    private PushTestClient client() {
        PushTestClient client = PushTestClient.connect(port);
        open.add(client);
        return client;
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static List<Long> strikes(JsonNode rows) {
        return rows.valueStream().map(s -> s.path("strike").asLong()).toList();
    }

    private long id(int strike, OptionType type) {
        Leg leg = PushFixtures.leg(cache, "NIFTY", PushFixtures.NEAR, strike, type);
        return leg.securityId();
    }

    @Test
    void aWindowGetsTheStrikesGetOptionsLiveShowsAndNoDeltaOutsideThem() throws Exception {
        PushTestClient client = client();
        client.send("{\"underlying\":\"NIFTY\",\"strikes\":2}");
        JsonNode chain = client.next("snapshot", WAIT).path("chain");

        assertThat(strikes(chain.path("strikes"))).containsExactly(24400L, 24450L, 24500L, 24550L, 24600L);
        JsonNode rest = get("/options/live?underlying=NIFTY&strikes=2");
        assertThat(chain.path("strikes")).as("the same rows as GET /options/live?strikes=2").isEqualTo(rest.path("strikes"));
        assertThat(chain.path("atmStrike")).isEqualTo(rest.path("atmStrike"));
        assertThat(chain.path("summary")).as("the summary is the whole chain's, as over REST").isEqualTo(rest.path("summary"));

        // A far strike ticks first, then one inside the window: every message until the inside one arrives
        // is looked at, so a far strike sent in between is seen.
        ticks.full(FNO, id(24000, OptionType.CE), 520f, 1L, 1000, 10_000, 519.5f, 75, 520.5f, 75);
        ticks.full(FNO, id(24900, OptionType.PE), 410f, 1L, 1000, 10_000, 409.5f, 75, 410.5f, 75);
        ticks.full(FNO, id(24550, OptionType.PE), 61.5f, 1L, 2000, 20_000, 61f, 150, 62f, 150);
        List<Long> sent = new ArrayList<>();
        JsonNode inside = null;
        while (inside == null) {
            JsonNode message = client.next(WAIT).json();
            assertThat(message.path("type").asString()).isEqualTo("delta");
            for (JsonNode strike : message.path("strikes")) {
                sent.add(strike.path("strike").asLong());
                if (strike.path("strike").asLong() == 24550 && strike.has("pe")) {
                    inside = strike.path("pe");
                }
            }
        }
        assertThat(sent).as("strikes carried by deltas").allMatch(k -> k >= 24400 && k <= 24600);
        assertThat(inside.path("ltp").asDouble()).isEqualTo(61.5);
        assertThat(inside.path("oi").asLong()).isEqualTo(20_000);
    }

    @Test
    void whenAtmMovesTheWindowMovesWithItAsANewSnapshot() throws Exception {
        PushTestClient client = client();
        client.send("{\"underlying\":\"nifty\",\"expiry\":\"" + PushFixtures.NEAR + "\",\"strikes\":\"1\"}");
        assertThat(strikes(client.next("snapshot", WAIT).path("chain").path("strikes"))).containsExactly(24450L, 24500L, 24550L);

        ticks.ticker(IDX, 13, 24804.9f, 2L);
        JsonNode moved = client.next("snapshot", WAIT).path("chain");
        assertThat(moved.path("atmStrike").asLong()).isEqualTo(24800);
        assertThat(strikes(moved.path("strikes"))).containsExactly(24750L, 24800L, 24850L);
        assertThat(moved.path("underlying").path("ltp").asDouble()).isEqualTo(24804.9);
    }

    @Test
    void everyRefusalOverPushReadsAsGetOptionsLiveWordsIt() throws Exception {
        PushTestClient client = client();
        Map<String, String> cases = Map.of(
                "", "{}",
                "underlying=DOWJONES", "{\"underlying\":\"DOWJONES\"}",
                "underlying=NIFTY%2050", "{\"underlying\":\"NIFTY 50\"}",
                "underlying=NIFTY&expiry=27-11-2026", "{\"underlying\":\"NIFTY\",\"expiry\":\"27-11-2026\"}",
                "underlying=NIFTY&expiry=" + PushFixtures.NEAR.plusDays(1),
                "{\"underlying\":\"NIFTY\",\"expiry\":\"" + PushFixtures.NEAR.plusDays(1) + "\"}",
                "underlying=NIFTY&strikes=0", "{\"underlying\":\"NIFTY\",\"strikes\":0}",
                "underlying=NIFTY&strikes=1001", "{\"underlying\":\"NIFTY\",\"strikes\":1001}",
                "underlying=NIFTY&strikes=ten", "{\"underlying\":\"NIFTY\",\"strikes\":\"ten\"}",
                "underlying=NIFTY&strikes=2.5", "{\"underlying\":\"NIFTY\",\"strikes\":2.5}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode problem = get("/options/live?" + c.getKey());
            client.send(c.getValue());
            JsonNode error = client.next("error", WAIT);
            assertThat(problem.path("detail").asString()).as(c.getKey()).isNotBlank();
            assertThat(error.path("detail").asString()).as(c.getValue()).isEqualTo(problem.path("detail").asString());
            assertThat(error.path("available")).as(c.getValue()).isEqualTo(problem.path("available"));
        }
        assertThat(client.isOpen()).isTrue();
    }
}
