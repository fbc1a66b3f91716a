package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.dhan.feed.ProtocolPackets;

/**
 * The whole app in live mode against Dhan on loopback ({@link FakeDhan}): start-up from the scrip
 * master and REST calls, the feed subscription, ticks reaching {@code GET /options/live}, and
 * errors, all read from real HTTP responses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LiveModeEndToEndTest {

    static final FakeDhan dhan;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path store;

    static {
        try {
            dhan = new FakeDhan();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dhanOnLoopback(DynamicPropertyRegistry registry) {
        dhan.registerLiveMode(registry, store);
    }

    @AfterAll
    static void stopDhan() {
        dhan.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static JsonNode strike(JsonNode chain, int strike) {
        for (JsonNode row : chain.get("strikes")) {
            if (row.get("strike").asInt() == strike) {
                return row;
            }
        }
        throw new AssertionError("no strike " + strike);
    }

    @Test
    void servesTheChainBuiltFromTheScripMasterWithIdsLotSizeAndStep() throws Exception {
        JsonNode chain = json("/options/live?underlying=NIFTY");

        assertThat(chain.get("source").asString()).isEqualTo("DHAN");
        assertThat(chain.get("expiry").asString()).isEqualTo(FakeDhan.WEEKLY.toString());
        assertThat(chain.get("expiries").valueStream().map(JsonNode::asString))
                .containsExactly(FakeDhan.WEEKLY.toString(), FakeDhan.MONTHLY.toString());
        assertThat(chain.get("lotSize").asInt()).isEqualTo(75);
        assertThat(chain.get("strikeStep").asInt()).isEqualTo(50);
        assertThat(chain.get("underlying").get("securityId").asLong()).isEqualTo(13);
        assertThat(chain.get("underlying").get("segment").asString()).isEqualTo("IDX_I");
        JsonNode strikes = chain.get("strikes");
        assertThat(strikes).hasSize(FakeDhan.strikes().size());
        assertThat(strikes.get(0).get("strike").asInt()).isEqualTo(FakeDhan.FIRST_STRIKE);
        assertThat(strikes.get(strikes.size() - 1).get("strike").asInt()).isEqualTo(FakeDhan.LAST_STRIKE);
        JsonNode atm = strike(chain, 24500);
        assertThat(atm.get("ce").get("securityId").asLong()).isEqualTo(FakeDhan.ceId(FakeDhan.WEEKLY, 24500));
        assertThat(atm.get("pe").get("securityId").asLong()).isEqualTo(FakeDhan.peId(FakeDhan.WEEKLY, 24500));

        JsonNode monthly = json("/options/live?underlying=nifty&expiry=" + FakeDhan.MONTHLY);
        assertThat(strike(monthly, 24500).get("ce").get("securityId").asLong())
                .isEqualTo(FakeDhan.ceId(FakeDhan.MONTHLY, 24500));

        JsonNode underlyings = json("/options/underlyings");
        assertThat(underlyings.get("underlyings")).hasSize(1);
        assertThat(underlyings.get("underlyings").get(0).get("symbol").asString()).isEqualTo("NIFTY");
    }

    @Test
    void theOptionChainSnapshotSeedsPricesAndDhansZerosStayNull() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(strike(json("/options/live?underlying=NIFTY"), 24500).get("pe").get("ltp").isNull()).isFalse());
        JsonNode chain = json("/options/live?underlying=NIFTY");
        JsonNode atm = strike(chain, 24500);
        // Unless a tick got there first, the straddle carries the snapshot's values.
        assertThat(atm.get("pe").get("prevClose").asDouble()).isEqualTo(101.0);
        assertThat(atm.get("pe").get("oiChange").asLong()).isEqualTo(100_000);
        assertThat(strike(chain, 24550).get("ce").get("ltp").isNull()).isTrue();
        assertThat(strike(chain, 24550).get("ce").get("oi").asLong()).isZero();
    }

    @Test
    void subscribesEveryLegInFullModeAndTheIndexInTickerModeWithStringIds() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !dhan.subscriptions.isEmpty());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            int legs = 0;
            boolean index = false;
            for (String text : dhan.subscriptions) {
                JsonNode message = JSON.readTree(text);
                int code = message.get("RequestCode").asInt();
                JsonNode list = message.get("InstrumentList");
                assertThat(list.size()).isEqualTo(message.get("InstrumentCount").asInt()).isLessThanOrEqualTo(100);
                for (JsonNode instrument : list) {
                    assertThat(instrument.get("SecurityId").isString()).isTrue();
                    if (code == 21) {
                        assertThat(instrument.get("ExchangeSegment").asString()).isEqualTo("NSE_FNO");
                        legs++;
                    } else if (code == 15) {
                        assertThat(instrument.get("ExchangeSegment").asString()).isEqualTo("IDX_I");
                        assertThat(instrument.get("SecurityId").asString()).isEqualTo("13");
                        index = true;
                    }
                }
            }
            assertThat(legs).isEqualTo(2 * 2 * FakeDhan.strikes().size());
            assertThat(index).isTrue();
        });
        assertThat(dhan.feedQueries.get(0)).contains("version=2").contains("authType=2")
                .contains("clientId=" + FakeDhan.CLIENT_ID).contains("token=" + FakeDhan.TOKEN);
    }

    @Test
    void ticksForTheIndexACallAndAPutChangeExactlyThoseValues() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> dhan.subscriptions.size() >= 2);
        long ce = FakeDhan.ceId(FakeDhan.WEEKLY, 24600);
        long pe = FakeDhan.peId(FakeDhan.WEEKLY, 24400);
        JsonNode before = json("/options/live?underlying=NIFTY");

        dhan.send(ProtocolPackets.frame(
                ProtocolPackets.prevClose(ExchangeSegment.IDX_I, 13, 24400.1f, 0),
                ProtocolPackets.ticker(ExchangeSegment.IDX_I, 13, 24601.25f, 1_764_149_462L),
                ProtocolPackets.full(ExchangeSegment.NSE_FNO, ce, 77.5f, 1_764_149_462L, 123_450, 2_500_000, 77.45f, 900, 77.6f, 1_200),
                ProtocolPackets.oi(ExchangeSegment.NSE_FNO, pe, 3_100_000)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode after = json("/options/live?underlying=NIFTY");
            assertThat(after.get("underlying").get("ltp").asDouble()).isEqualTo(24601.25);
            assertThat(after.get("underlying").get("change").asDouble()).isEqualTo(201.15);
            assertThat(after.get("atmStrike").asInt()).isEqualTo(24600);
            JsonNode call = strike(after, 24600).get("ce");
            assertThat(call.get("ltp").asDouble()).isEqualTo(77.5);
            assertThat(call.get("bid").asDouble()).isEqualTo(77.45);
            assertThat(call.get("ask").asDouble()).isEqualTo(77.6);
            assertThat(call.get("bidQty").asLong()).isEqualTo(900);
            assertThat(call.get("askQty").asLong()).isEqualTo(1_200);
            assertThat(call.get("volume").asLong()).isEqualTo(123_450);
            assertThat(call.get("oi").asLong()).isEqualTo(2_500_000);
            assertThat(call.get("updatedAt").isNull()).isFalse();
            assertThat(strike(after, 24400).get("pe").get("oi").asLong()).isEqualTo(3_100_000);
        });
        JsonNode after = json("/options/live?underlying=NIFTY");
        // Everything else is as it was: the put at 24600 and the call at 24400 were not in the frame.
        assertThat(strike(after, 24600).get("pe")).isEqualTo(strike(before, 24600).get("pe"));
        assertThat(strike(after, 24400).get("ce")).isEqualTo(strike(before, 24400).get("ce"));
        assertThat(strike(after, 24400).get("pe").get("ltp")).isEqualTo(strike(before, 24400).get("pe").get("ltp"));
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        HttpResponse<String> unknown = get("/options/live?underlying=BANKNIFTY");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).get("available").valueStream().map(JsonNode::asString)).containsExactly("NIFTY");

        HttpResponse<String> badExpiry = get("/options/live?underlying=NIFTY&expiry=tomorrow");
        assertThat(badExpiry.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badExpiry.body()).get("detail").asString()).contains("expiry");

        HttpResponse<String> noSuchExpiry = get("/options/live?underlying=NIFTY&expiry=" + FakeDhan.WEEKLY.plusDays(1));
        assertThat(noSuchExpiry.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noSuchExpiry.body()).get("available").valueStream().map(JsonNode::asString))
                .containsExactly(FakeDhan.WEEKLY.toString(), FakeDhan.MONTHLY.toString());
    }

    @Test
    void theTokenIsNeverLogged(CapturedOutput output) throws Exception {
        json("/options/live?underlying=NIFTY");
        await().atMost(Duration.ofSeconds(10)).until(() -> !dhan.subscriptions.isEmpty());
        assertThat(output.getAll()).isNotEmpty().doesNotContain(FakeDhan.TOKEN);
        assertThat(get("/actuator/health").body()).doesNotContain(FakeDhan.TOKEN);
        assertThat(get("/actuator/prometheus").body()).doesNotContain(FakeDhan.TOKEN);
    }
}
