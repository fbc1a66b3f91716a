package com.livechain.simulator.rest;

import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimulatedChain;
import com.livechain.simulator.market.SimulatedMarketTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.credentials.DhanCredentials;

public class RestServletTest {

    static final MediaType JSON = MediaType.get("application/json");
    static final Set<String> LEG_FIELDS = Set.of("average_price", "greeks", "implied_volatility", "last_price", "oi",
            "previous_close_price", "previous_oi", "previous_volume", "security_id", "top_ask_price",
            "top_ask_quantity", "top_bid_price", "top_bid_quantity", "volume");

    static final OkHttpClient HTTP = new OkHttpClient();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final Duration INTERVAL = Duration.ofMillis(600);
    /** The rate limits' clock: it moves only when a test steps it, so no window depends on how busy the machine is. */
    static final AtomicLong nanos = new AtomicLong();
    static DhanSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = DhanSimulator.start(SimulatorProperties.builder().seed(42L).realTime(false)
                        .optionChainInterval(INTERVAL).dataApiRequestsPerSecond(1000).build(),
                Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC), nanos::get);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** A call as Dhan's docs show it: POST, JSON body, access-token and client-id headers. */
    public static Answer post(DhanSimulator dhan, String path, String body, DhanCredentials credentials) throws IOException {
        Request.Builder request = new Request.Builder().url(dhan.restUrl() + path).post(RequestBody.create(body, JSON));
        if (credentials != null) {
            request.header("access-token", credentials.accessToken()).header("client-id", credentials.clientId());
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            String text = response.body().string();
            JsonNode json = text.startsWith("{") ? MAPPER.readTree(text) : null;
            return new Answer(response.code(), response.header("Content-Type"), json, text);
        }
    }

    public record Answer(int status, String contentType, JsonNode json, String text) {
    }

    @Test
    void expiryListAnswersTheListedExpiriesAscending() throws IOException {
        Answer answer = post(simulator, "/optionchain/expirylist", "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}",
                simulator.credentials());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("status").asString()).isEqualTo("success");
        List<String> dates = new ArrayList<>();
        answer.json().get("data").forEach(d -> dates.add(d.asString()));
        assertThat(dates).isSorted().containsExactlyElementsOf(
                simulator.market().expiries("NIFTY").stream().map(LocalDate::toString).toList());
        assertThat(dates.get(0)).isEqualTo("2026-12-01");
    }

    @Test
    void optionChainHasDhansShapeAndTheMarketsValues() throws IOException {
        LocalDate expiry = simulator.market().expiries("SENSEX").get(1);
        Answer answer = post(simulator, "/optionchain",
                "{\"UnderlyingScrip\":51,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"" + expiry + "\"}",
                simulator.credentials());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode root = answer.json();
        assertThat(root.get("status").asString()).isEqualTo("success");
        JsonNode data = root.get("data");
        assertThat(data.get("last_price").asDouble()).isEqualTo(simulator.market().lastPrice("SENSEX"));
        JsonNode oc = data.get("oc");
        SimulatedChain chain = simulator.market().chain("SENSEX", expiry);
        assertThat(oc.size()).isEqualTo(chain.strikes().size());

        List<String> keys = new ArrayList<>(oc.propertyNames());
        assertThat(keys).allMatch(k -> k.matches("\\d+\\.000000"));
        assertThat(keys.stream().mapToDouble(Double::parseDouble).toArray()).isSorted();

        SimulatedChain.Strike atm = SimulatedMarketTest.nearest(chain);
        JsonNode row = oc.get(atm.strike() + ".000000");
        for (String side : List.of("ce", "pe")) {
            JsonNode leg = row.get(side);
            assertThat(leg.propertyNames()).containsExactlyInAnyOrderElementsOf(LEG_FIELDS);
            assertThat(leg.get("greeks").propertyNames()).containsExactlyInAnyOrder("delta", "theta", "gamma", "vega");
            assertThat(leg.get("security_id").isIntegralNumber()).isTrue();
            assertThat(leg.get("oi").isIntegralNumber()).isTrue();
            assertThat(leg.get("volume").isIntegralNumber()).isTrue();
            assertThat(leg.get("top_bid_quantity").isIntegralNumber()).isTrue();
            assertThat(leg.get("last_price").isNumber()).isTrue();
            assertThat(leg.get("top_bid_price").asDouble()).isLessThan(leg.get("top_ask_price").asDouble());
            assertThat(leg.get("implied_volatility").asDouble()).as("IV in percent").isBetween(5.0, 40.0);
        }
        SimulatedChain.Leg ce = atm.ce();
        JsonNode ceJson = row.get("ce");
        assertThat(ceJson.get("security_id").asLong()).isEqualTo(ce.securityId());
        assertThat(ceJson.get("last_price").asDouble()).isEqualTo(ce.lastPrice());
        assertThat(ceJson.get("oi").asLong()).isEqualTo(ce.oi());
        assertThat(ceJson.get("greeks").get("delta").asDouble()).isBetween(0.3, 0.7);
        assertThat(row.get("pe").get("greeks").get("delta").asDouble()).isBetween(-0.7, -0.3);
        assertThat(ceJson.get("greeks").get("theta").asDouble()).isNegative();
    }

    @Test
    void wrongOrMissingCredentialsAre401Dh901() throws IOException {
        String body = "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}";
        DhanCredentials good = simulator.credentials();
        for (DhanCredentials bad : List.of(new DhanCredentials(good.clientId(), "not-the-token"),
                new DhanCredentials("1000000001", good.accessToken()))) {
            Answer answer = post(simulator, "/optionchain/expirylist", body, bad);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("errorType").asString()).isEqualTo("Invalid Authentication");
            assertThat(answer.json().get("errorCode").asString()).isEqualTo("DH-901");
            assertThat(answer.json().get("errorMessage").asString()).isNotBlank();
            assertThat(answer.json().propertyNames()).containsExactlyInAnyOrder("errorType", "errorCode", "errorMessage");
        }
        assertThat(post(simulator, "/optionchain/expirylist", body, null).status()).isEqualTo(401);
    }

    @Test
    void theSameChainAskedTwiceWithinTheIntervalIsDh904() throws Exception {
        List<LocalDate> expiries = simulator.market().expiries("FINNIFTY");
        String first = "{\"UnderlyingScrip\":27,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"" + expiries.get(0) + "\"}";
        String other = "{\"UnderlyingScrip\":27,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"" + expiries.get(1) + "\"}";
        assertThat(post(simulator, "/optionchain", first, simulator.credentials()).status()).isEqualTo(200);
        nanos.addAndGet(INTERVAL.toNanos() - 1);
        Answer again = post(simulator, "/optionchain", first, simulator.credentials());
        assertThat(again.status()).as("a nanosecond inside the interval").isEqualTo(429);
        assertThat(again.json().get("errorCode").asString()).isEqualTo("DH-904");
        assertThat(again.json().get("errorType").asString()).isEqualTo("Rate Limit");
        // A different expiry is a different unique request.
        assertThat(post(simulator, "/optionchain", other, simulator.credentials()).status()).isEqualTo(200);
        nanos.addAndGet(1);
        assertThat(post(simulator, "/optionchain", first, simulator.credentials()).status())
                .as("the interval since the first, to the nanosecond").isEqualTo(200);
    }

    @Test
    void moreThanFiveDataRequestsInASecondAreDh904() throws IOException {
        AtomicLong time = new AtomicLong();
        try (DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(1L).realTime(false).build(),
                Clock.systemUTC(), time::get)) {
            List<Integer> statuses = new ArrayList<>();
            for (long id : List.of(13L, 25L, 27L, 442L, 51L, 69L)) {
                statuses.add(expiryList(dhan, id));
            }
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
            assertThat(dhan.counters().restRateLimited()).isEqualTo(1);

            time.addAndGet(Duration.ofSeconds(1).toNanos() - 1);
            assertThat(expiryList(dhan, 69L)).as("the five still within the last second").isEqualTo(429);
            time.addAndGet(1);
            assertThat(expiryList(dhan, 69L)).as("a second after the five").isEqualTo(200);
            assertThat(dhan.counters().restRateLimited()).isEqualTo(2);
        }
    }

    private static int expiryList(DhanSimulator dhan, long underlyingId) throws IOException {
        return post(dhan, "/optionchain/expirylist", "{\"UnderlyingScrip\":" + underlyingId + ",\"UnderlyingSeg\":\"IDX_I\"}",
                dhan.credentials()).status();
    }

    @Test
    void unknownExpiryUnderlyingOrBadBodyIs400Dh905() throws IOException {
        Map<String, String> cases = Map.of(
                "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"2026-12-02\"}", "(811)",
                "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"02-12-2026\"}", "(812)",
                "{\"UnderlyingScrip\":14,\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"2026-12-01\"}", "(813)",
                "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"NSE_FNO\",\"Expiry\":\"2026-12-01\"}", "(813)",
                "{\"UnderlyingScrip\":\"13\",\"UnderlyingSeg\":\"IDX_I\",\"Expiry\":\"2026-12-01\"}", "UnderlyingScrip",
                "not json", "JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Answer answer = post(simulator, "/optionchain", c.getKey(), simulator.credentials());
            assertThat(answer.status()).as(c.getKey()).isEqualTo(400);
            assertThat(answer.json().get("errorCode").asString()).isEqualTo("DH-905");
            assertThat(answer.json().get("errorType").asString()).isEqualTo("Input Exception");
            assertThat(answer.json().get("errorMessage").asString()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws IOException {
        assertThat(post(simulator, "/marketfeed/ltp", "{}", simulator.credentials()).status()).isEqualTo(404);
        try (Response get = HTTP.newCall(new Request.Builder().url(simulator.restUrl() + "/optionchain").build()).execute()) {
            assertThat(get.code()).isEqualTo(405);
        }
    }
}
