package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;
import com.livechain.chain.MarketSource;
import com.livechain.universe.OptionChainSnapshot;
import com.livechain.chain.OptionType;
import com.livechain.chain.SnapshotLeg;
import com.livechain.chain.UnderlyingRef;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;

class DhanRestClientTest {

    private static final String TOKEN = "test-access-token-9f8e7d6c5b4a";
    private static final String CLIENT_ID = "1000000001";
    private static final UnderlyingRef NIFTY = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The option-chain sample of protocol §1.2, trimmed to three strikes; 25700 lists no put. */
    private static final String OPTION_CHAIN = """
            {"data": {"last_price": 25642.8,
              "oc": {
                "25650.000000": {
                  "ce": {"average_price": 146.99, "greeks": {"delta": 0.53871, "theta": -15.1539, "gamma": 0.00132, "vega": 12.18593},
                         "implied_volatility": 9.789, "last_price": 134, "oi": 3786445, "previous_close_price": 244.85,
                         "previous_oi": 402220, "previous_volume": 31931705, "security_id": 42528,
                         "top_ask_price": 134, "top_ask_quantity": 1365, "top_bid_price": 133.55, "top_bid_quantity": 1625,
                         "volume": 117567970},
                  "pe": {"greeks": {"delta": -0.46185, "theta": -8.7168, "gamma": 0.00132, "vega": 12.18565},
                         "implied_volatility": 13.1, "last_price": 133.2, "oi": 3423769, "previous_close_price": 92,
                         "previous_oi": 1031353, "previous_volume": 10373934, "security_id": 42529,
                         "top_ask_price": 133.3, "top_ask_quantity": 1290, "top_bid_price": 133.15, "top_bid_quantity": 1400,
                         "volume": 174702450}
                },
                "25600.000000": {
                  "ce": {"last_price": 170.5, "oi": 2000, "security_id": 42526, "volume": 12},
                  "pe": {"last_price": 110.25, "oi": 3000, "security_id": 42527, "top_bid_price": 110.2}
                },
                "25700.000000": {
                  "ce": {"last_price": 98.75, "oi": 1500, "previous_oi": 1400, "security_id": 42530, "volume": 77,
                         "top_ask_price": 99, "top_ask_quantity": 75, "top_bid_price": 98.5, "top_bid_quantity": 150,
                         "previous_close_price": 120.4}
                }
              }},
             "status": "success"}
            """;

    private final MockWebServer server = new MockWebServer();
    private final StubAccess access = new StubAccess();
    private final List<Long> backoffs = Collections.synchronizedList(new ArrayList<>());
    private DhanRestClient client;

    @BeforeEach
    void start() throws IOException {
        server.start();
        access.restUrl = server.url("/v2").uri();
        access.instrumentsUrl = server.url("/api-data/api-scrip-master-detailed.csv").uri();
        // Defaults except the timeout; no throttle wait and a backoff that only records, so nothing sleeps.
        client = new DhanRestClient(access, properties(Duration.ZERO, Duration.ofSeconds(2)),
                new RequestThrottle(Duration.ZERO), backoffs::add);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static DhanRestProperties properties(Duration interval, Duration timeout) {
        DhanRestProperties d = DhanRestProperties.defaults();
        return new DhanRestProperties(interval, timeout, d.rateLimitRetries(), d.rateLimitBackoff(), d.instrumentsTimeout());
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    private static JsonNode body(RecordedRequest request) {
        return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
    }

    private static MarketDataException thrown(Runnable call) {
        try {
            call.run();
        } catch (MarketDataException e) {
            return e;
        }
        throw new AssertionError("expected a MarketDataException");
    }

    @Test
    void expiryListPostsPascalCaseBodyWithCredentialHeaders() throws Exception {
        server.enqueue(json(200, "{\"data\":[\"2026-12-04\",\"2026-11-27\",\"2026-12-11\"],\"status\":\"success\"}"));

        List<LocalDate> expiries = client.expiryList(NIFTY);

        assertThat(expiries).containsExactly(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 12, 4),
                LocalDate.of(2026, 12, 11));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/optionchain/expirylist");
        assertThat(request.getHeaders().get("access-token")).isEqualTo(TOKEN);
        assertThat(request.getHeaders().get("client-id")).isEqualTo(CLIENT_ID);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        JsonNode body = body(request);
        assertThat(body.propertyNames()).containsExactly("UnderlyingScrip", "UnderlyingSeg");
        assertThat(body.get("UnderlyingScrip").isIntegralNumber()).as("UnderlyingScrip is a JSON number").isTrue();
        assertThat(body.get("UnderlyingScrip").longValue()).isEqualTo(13);
        assertThat(body.get("UnderlyingSeg").stringValue()).isEqualTo("IDX_I");
    }

    @Test
    void optionChainPostsTheExpiryAsAnIsoString() throws Exception {
        server.enqueue(json(200, OPTION_CHAIN));

        client.optionChain(NIFTY, LocalDate.of(2026, 11, 27));

        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/optionchain");
        JsonNode body = body(request);
        assertThat(body.propertyNames()).containsExactly("UnderlyingScrip", "UnderlyingSeg", "Expiry");
        assertThat(body.get("UnderlyingScrip").isIntegralNumber()).isTrue();
        assertThat(body.get("Expiry").isString()).isTrue();
        assertThat(body.get("Expiry").stringValue()).isEqualTo("2026-11-27");
        assertThat(request.getHeaders().get("access-token")).isEqualTo(TOKEN);
        assertThat(request.getHeaders().get("client-id")).isEqualTo(CLIENT_ID);
    }

    @Test
    void optionChainParsesEveryLegAndToleratesAMissingSide() {
        server.enqueue(json(200, OPTION_CHAIN));

        OptionChainSnapshot snapshot = client.optionChain(NIFTY, LocalDate.of(2026, 11, 27));

        assertThat(snapshot.underlyingLtp()).isEqualTo(25642.8);
        assertThat(snapshot.legs()).extracting(SnapshotLeg::strike, SnapshotLeg::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("25600"), OptionType.CE),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("25600"), OptionType.PE),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("25650"), OptionType.CE),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("25650"), OptionType.PE),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("25700"), OptionType.CE));
        assertThat(snapshot.legs().get(2)).isEqualTo(new SnapshotLeg(new BigDecimal("25650"), OptionType.CE, 42528,
                134, 244.85, 3786445, 402220, 117567970, 133.55, 1625, 134, 1365));
        // Fields Dhan left out: NaN prices, -1 quantities.
        assertThat(snapshot.legs().get(1)).isEqualTo(new SnapshotLeg(new BigDecimal("25600"), OptionType.PE, 42527,
                110.25, Double.NaN, 3000, -1, -1, 110.2, -1, Double.NaN, -1));
        // The key "25650.000000" equals the scrip master's "25650.00000".
        assertThat(snapshot.legs().get(2).strike()).isEqualTo(StrikePrices.parse("25650.00000"));
    }

    @Test
    void aFailureWithNonObjectDataIsUnavailableWithTheRemarks() {
        server.enqueue(json(200, "{\"status\":\"failure\",\"remarks\":{\"note\":\"no data for this expiry\"},\"data\":\"\"}"));

        MarketDataException e = thrown(() -> client.optionChain(NIFTY, LocalDate.of(2026, 12, 4)));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.call()).isEqualTo("POST /v2/optionchain");
        assertThat(e.answer()).isEqualTo("200 with status \"failure\", remarks {\"note\":\"no data for this expiry\"}");
    }

    @Test
    void aFailureWhoseRemarksCarryADhanCodeIsClassifiedByIt() {
        server.enqueue(json(200, "{\"status\":\"failure\",\"remarks\":{\"error_code\":\"DH-905\","
                + "\"error_type\":\"Input_Exception\",\"error_message\":\"Missing required fields\"},\"data\":\"\"}"));

        MarketDataException e = thrown(() -> client.optionChain(NIFTY, LocalDate.of(2026, 12, 4)));

        assertThat(e.answer()).isEqualTo("200 with status \"failure\" DH-905 (missing or bad request parameters): "
                + "Missing required fields");
    }

    @Test
    void successWithDataOfTheWrongShapeIsABadResponse() {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":\"\"}"));

        MarketDataException e = thrown(() -> client.optionChain(NIFTY, LocalDate.of(2026, 12, 4)));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.answer()).isEqualTo("200 with a \"data\" that is not an object");
    }

    @Test
    void aBodyThatIsNotJsonIsABadResponse() {
        server.enqueue(json(200, "<html>maintenance</html>"));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.answer()).isEqualTo("200 with a body that is not a JSON object: <html>maintenance</html>");
    }

    @Test
    void aStrikeKeyThatIsNotANumberIsABadResponse() {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"last_price\":1,\"oc\":{\"ATM\":{}}}}"));

        MarketDataException e = thrown(() -> client.optionChain(NIFTY, LocalDate.of(2026, 12, 4)));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.answer()).contains("ATM");
    }

    @Test
    void invalidTokenIsAuthenticationNamingTheCallAndNeverTheSecrets() {
        server.enqueue(json(401, "{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\","
                + "\"errorMessage\":\"Client ID or user generated access token is invalid or expired.\"}"));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.call()).isEqualTo("POST /v2/optionchain/expirylist");
        assertThat(e.answer()).isEqualTo("401 DH-901 (access token or client id invalid or expired): "
                + "Client ID or user generated access token is invalid or expired.");
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(CLIENT_ID);
        assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void anAnswerThatEchoesTheCredentialsIsMasked() {
        server.enqueue(json(401, "{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\","
                + "\"errorMessage\":\"token " + TOKEN + " of client " + CLIENT_ID + " expired\"}"));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.answer()).endsWith(": token **** of client **** expired");
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(CLIENT_ID);
    }

    @Test
    void http401WithoutABodyIsStillAuthentication() {
        server.enqueue(json(401, ""));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.answer()).isEqualTo("401 (access token or client id invalid or expired)");
    }

    @Test
    void noDataSubscriptionIsAccess() {
        server.enqueue(json(403, "{\"errorType\":\"Invalid_Access\",\"errorCode\":\"DH-902\","
                + "\"errorMessage\":\"Data APIs not subscribed\"}"));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.ACCESS);
        assertThat(e.answer()).startsWith("403 DH-902 (");
    }

    @Test
    void theDataApiCodeFormIsReadToo() {
        server.enqueue(json(401, "{\"data\":{\"806\":\"Data APIs not subscribed\"},\"status\":\"failed\"}"));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.ACCESS);
        assertThat(e.answer()).isEqualTo("401 806 (Data APIs not subscribed): Data APIs not subscribed");
    }

    @Test
    void rateLimitIsRetriedTwiceWithGrowingBackoffThenThrown() {
        String refusal = "{\"errorType\":\"Rate_Limit\",\"errorCode\":\"DH-904\",\"errorMessage\":\"Too many requests\"}";
        server.enqueue(json(429, refusal));
        server.enqueue(json(429, refusal));
        server.enqueue(json(429, refusal));

        MarketDataException e = thrown(() -> client.optionChain(NIFTY, LocalDate.of(2026, 11, 27)));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMIT);
        assertThat(e.answer()).isEqualTo("429 DH-904 (rate limit exceeded): Too many requests (still after 2 retries)");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(backoffs).containsExactly(Duration.ofSeconds(3).toNanos(), Duration.ofSeconds(6).toNanos());
    }

    @Test
    void dh904UnderAnotherStatusIsRateLimitToo() {
        server.enqueue(json(400, "{\"errorType\":\"Rate_Limit\",\"errorCode\":\"DH-904\",\"errorMessage\":\"slow down\"}"));
        server.enqueue(json(200, "{\"data\":[\"2026-11-27\"],\"status\":\"success\"}"));

        assertThat(client.expiryList(NIFTY)).containsExactly(LocalDate.of(2026, 11, 27));
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(backoffs).containsExactly(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void badGatewayIsUnavailableAndNotRetried() {
        server.enqueue(new MockResponse.Builder().code(502).body("<html><body>502 Bad Gateway</body></html>").build());

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.answer()).isEqualTo("502: <html><body>502 Bad Gateway</body></html>");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnavailable() {
        client.close();
        client = new DhanRestClient(access, properties(Duration.ZERO, Duration.ofMillis(300)),
                new RequestThrottle(Duration.ZERO), backoffs::add);
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.answer()).isEqualTo("nothing within 300 ms (timed out)");
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        access.restUrl = URI.create("http://127.0.0.1:1/v2");

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.call()).isEqualTo("POST /v2/optionchain/expirylist");
        assertThat(e.answer()).startsWith("nothing: ");
    }

    @Test
    void withoutCredentialsNothingIsSent() {
        access.credentials = Optional.empty();

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.answer()).startsWith("no Dhan credentials configured");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aTokenAnHttpHeaderCannotCarryIsRefusedWithoutQuotingIt() {
        String badToken = "line-one\nline-two-secret";
        access.credentials = Optional.of(new DhanCredentials(CLIENT_ID, badToken));

        MarketDataException e = thrown(() -> client.expiryList(NIFTY));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.answer()).contains("access token");
        assertThat(e.getMessage()).doesNotContain("line-two-secret");
        assertThat(e.getCause()).isNull();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void credentialsAreReadAgainForEveryRequest() throws Exception {
        server.enqueue(json(200, "{\"data\":[],\"status\":\"success\"}"));
        server.enqueue(json(200, "{\"data\":[],\"status\":\"success\"}"));

        client.expiryList(NIFTY);
        access.credentials = Optional.of(new DhanCredentials(CLIENT_ID, "renewed-token"));
        client.expiryList(NIFTY);

        assertThat(take().getHeaders().get("access-token")).isEqualTo(TOKEN);
        assertThat(take().getHeaders().get("access-token")).isEqualTo("renewed-token");
    }

    @Test
    void optionChainAndExpiryListShareOneThrottle() {
        client.close();
        Duration interval = Duration.ofMillis(150);
        client = new DhanRestClient(access, properties(interval, Duration.ofSeconds(2)));
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, i == 1 ? OPTION_CHAIN : "{\"data\":[],\"status\":\"success\"}"));
        }

        long start = System.nanoTime();
        client.expiryList(NIFTY);
        client.optionChain(NIFTY, LocalDate.of(2026, 11, 27));
        client.expiryList(NIFTY);
        long elapsed = System.nanoTime() - start;

        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(interval.multipliedBy(2));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void scripMasterIsFetchedWithoutCredentialsAndStreamed() throws Exception {
        String csv = "EXCH_ID,SEGMENT\nNSE,D\n";
        server.enqueue(new MockResponse.Builder().code(200).body(csv).build());

        try (InputStream in = client.openScripMaster()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(csv);
        }

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api-data/api-scrip-master-detailed.csv");
        assertThat(request.getHeaders().get("access-token")).isNull();
        assertThat(request.getHeaders().get("client-id")).isNull();
    }

    @Test
    void aMissingScripMasterIsABadResponseAndAnOverloadedOneUnavailable() {
        server.enqueue(new MockResponse.Builder().code(404).body("Not Found").build());
        server.enqueue(new MockResponse.Builder().code(503).build());

        MarketDataException notFound = thrown(client::openScripMaster);
        MarketDataException down = thrown(client::openScripMaster);

        assertThat(notFound.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(notFound.call()).isEqualTo("GET " + access.instrumentsUrl);
        assertThat(notFound.answer()).isEqualTo("404: Not Found");
        assertThat(down.kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    /** A {@link DhanAccess} whose answers a test can change. */
    static final class StubAccess implements DhanAccess {
        volatile URI restUrl = URI.create("http://localhost/v2");
        volatile URI instrumentsUrl = URI.create("http://localhost/master.csv");
        volatile Optional<DhanCredentials> credentials = Optional.of(new DhanCredentials(CLIENT_ID, TOKEN));

        @Override
        public MarketSource source() {
            return MarketSource.DHAN;
        }

        @Override
        public URI restUrl() {
            return restUrl;
        }

        @Override
        public URI feedUrl() {
            return URI.create("ws://localhost/feed");
        }

        @Override
        public URI instrumentsUrl() {
            return instrumentsUrl;
        }

        @Override
        public Optional<DhanCredentials> credentials() {
            return credentials;
        }
    }
}
