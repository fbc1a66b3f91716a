package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;
import com.livechain.dhan.rest.RollingOptionRequest.ExpiryFlag;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

class DhanChartsClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 2025-09-01 09:15 IST, the first bar of the recorded answer in protocol §7.5. */
    private static final long SEP_1_0915 = 1756698300L;
    private static final long DAY = 86_400;
    private static final LocalDate SEP_1 = LocalDate.of(2025, 9, 1);

    private final MockWebServer server = new MockWebServer();
    private final DhanRestClientTest.StubAccess access = new DhanRestClientTest.StubAccess();
    private final List<Long> backoffs = Collections.synchronizedList(new ArrayList<>());
    private DhanChartsClient client;

    @BeforeEach
    void start() throws IOException {
        server.start();
        access.restUrl = server.url("/v2").uri();
        client = new DhanChartsClient(access, rest(), new RequestThrottle(Duration.ZERO), backoffs::add);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static DhanRestProperties rest() {
        DhanRestProperties d = DhanRestProperties.defaults();
        return new DhanRestProperties(d.optionChainInterval(), Duration.ofSeconds(5), d.rateLimitRetries(),
                d.rateLimitBackoff(), d.instrumentsTimeout());
    }

    private static RollingOptionRequest request(OptionType type, LocalDate from, LocalDate to) {
        return new RollingOptionRequest(13, ExchangeSegment.NSE_FNO, ExpiryFlag.MONTH, 1, "ATM", type, 1, from, to,
                EnumSet.of(RollingField.IV, RollingField.STRIKE, RollingField.SPOT));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A rolling-option answer: {@code side} filled with the given bars, the other side null. */
    private static String rolling(String side, long[] timestamps, double[] iv, double[] strike, double[] spot) {
        String series = "{\"iv\":" + list(iv) + ",\"oi\":[],\"strike\":" + list(strike) + ",\"spot\":" + list(spot)
                + ",\"open\":[],\"high\":[],\"low\":[],\"close\":[],\"volume\":[],\"timestamp\":" + list(timestamps) + "}";
        String other = side.equals("ce") ? "pe" : "ce";
        return "{\"data\":{\"" + side + "\":" + series + ",\"" + other + "\":null}}";
    }

    private static String list(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(values[i]);
        }
        return out.append(']').toString();
    }

    private static String list(long[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(values[i]);
        }
        return out.append(']').toString();
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
    void rollingOptionPostsTheDocumentedBodyAndReadsTheCallSide() throws Exception {
        server.enqueue(json(200, rolling("ce", new long[] {SEP_1_0915, SEP_1_0915 + 60},
                new double[] {12.96, 11.94}, new double[] {24500.0, 24550.0}, new double[] {24523.5, 24529.15})));

        RollingOptionSeries series = client.rollingOption(request(OptionType.CE, SEP_1, SEP_1));

        assertThat(series.type()).isEqualTo(OptionType.CE);
        assertThat(series.timestamps()).containsExactly(SEP_1_0915, SEP_1_0915 + 60);
        assertThat(series.values(RollingField.IV)).containsExactly(12.96, 11.94);
        assertThat(series.values(RollingField.STRIKE)).containsExactly(24500.0, 24550.0);
        assertThat(series.values(RollingField.SPOT)).containsExactly(24523.5, 24529.15);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/charts/rollingoption");
        assertThat(request.getHeaders().get("access-token")).isEqualTo("test-access-token-9f8e7d6c5b4a");
        assertThat(request.getHeaders().get("client-id")).isEqualTo("1000000001");
        JsonNode body = body(request);
        assertThat(body.get("exchangeSegment").asString()).isEqualTo("NSE_FNO");
        assertThat(body.get("interval").isString()).as("interval as the docs write it, a string").isTrue();
        assertThat(body.get("interval").asString()).isEqualTo("1");
        assertThat(body.get("securityId").isIntegralNumber()).as("the docs' example sends 13 as a number").isTrue();
        assertThat(body.get("securityId").asLong()).isEqualTo(13);
        assertThat(body.get("instrument").asString()).isEqualTo("OPTIDX");
        assertThat(body.get("expiryFlag").asString()).isEqualTo("MONTH");
        assertThat(body.get("expiryCode").asInt()).isEqualTo(1);
        assertThat(body.get("strike").asString()).isEqualTo("ATM");
        assertThat(body.get("drvOptionType").asString()).isEqualTo("CALL");
        List<String> required = new ArrayList<>();
        body.get("requiredData").forEach(n -> required.add(n.asString()));
        assertThat(required).containsExactly("iv", "strike", "spot");
        assertThat(body.get("fromDate").asString()).isEqualTo("2025-09-01");
        assertThat(body.get("toDate").asString()).as("one day more: toDate may be exclusive").isEqualTo("2025-09-02");
        assertThat(body.size()).isEqualTo(11);
    }

    @Test
    void aPutRequestReadsThePutSideOfABseIndex() throws Exception {
        server.enqueue(json(200, "{\"data\":{\"ce\":null,\"pe\":{\"iv\":[14.2],\"strike\":[85000.0],\"spot\":[84980.3],"
                + "\"timestamp\":[" + SEP_1_0915 + "]}}}"));

        RollingOptionRequest sensex = new RollingOptionRequest(51, ExchangeSegment.BSE_FNO, ExpiryFlag.WEEK, 2,
                "ATM-3", OptionType.PE, 15, SEP_1, SEP_1, EnumSet.of(RollingField.IV, RollingField.STRIKE,
                RollingField.SPOT));
        RollingOptionSeries series = client.rollingOption(sensex);

        assertThat(series.values(RollingField.IV)).containsExactly(14.2);
        JsonNode body = body(take());
        assertThat(body.get("exchangeSegment").asString()).isEqualTo("BSE_FNO");
        assertThat(body.get("drvOptionType").asString()).isEqualTo("PUT");
        assertThat(body.get("expiryFlag").asString()).isEqualTo("WEEK");
        assertThat(body.get("expiryCode").asInt()).isEqualTo(2);
        assertThat(body.get("strike").asString()).isEqualTo("ATM-3");
        assertThat(body.get("interval").asString()).isEqualTo("15");
    }

    @Test
    void aHolidayIsAnEmptySeries() {
        server.enqueue(json(200, rolling("ce", new long[0], new double[0], new double[0], new double[0])));

        RollingOptionSeries series = client.rollingOption(request(OptionType.CE, SEP_1, SEP_1));

        assertThat(series.isEmpty()).isTrue();
        assertThat(series.values(RollingField.IV)).isEmpty();
        assertThat(client.malformedCount("rollingoption")).isZero();
    }

    @Test
    void aLongerRangeIsAskedInThirtyDayCallsAndTrimmedToEachCallsDays() throws Exception {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 3, 15);
        // Each answer carries the first bar of the day after its window too (toDate read as inclusive): trimmed.
        long jan1 = from.atTime(9, 15).atZone(com.livechain.market.MarketHours.IST).toEpochSecond();
        long[][] bars = {
                {jan1, jan1 + 29 * DAY, jan1 + 30 * DAY},
                {jan1 + 30 * DAY, jan1 + 59 * DAY, jan1 + 60 * DAY},
                {jan1 + 60 * DAY, jan1 + 73 * DAY, jan1 + 74 * DAY}};
        for (long[] ts : bars) {
            double[] iv = {ts[0] % 1000 / 100.0 + 10, 11, 12};
            server.enqueue(json(200, rolling("ce", ts, iv, new double[] {26000, 26000, 26000},
                    new double[] {26001, 26002, 26003})));
        }

        RollingOptionSeries series = client.rollingOption(request(OptionType.CE, from, to));

        assertThat(server.getRequestCount()).isEqualTo(3);
        List<String> windows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode body = body(take());
            windows.add(body.get("fromDate").asString() + ".." + body.get("toDate").asString());
        }
        assertThat(windows).containsExactly("2026-01-01..2026-01-31", "2026-01-31..2026-03-02",
                "2026-03-02..2026-03-16");
        assertThat(series.timestamps()).containsExactly(jan1, jan1 + 29 * DAY, jan1 + 30 * DAY, jan1 + 59 * DAY,
                jan1 + 60 * DAY, jan1 + 73 * DAY);
        assertThat(series.values(RollingField.SPOT)).containsExactly(26001, 26002, 26001, 26002, 26001, 26002);
    }

    @Test
    void callsAreSpacedByTheDataApiInterval() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        List<Long> slept = new ArrayList<>();
        RequestThrottle throttle = new RequestThrottle(Duration.ofMillis(500), nanos::get, wait -> {
            slept.add(wait);
            nanos.addAndGet(wait);
        });
        try (DhanChartsClient paced = new DhanChartsClient(access, rest(), throttle, backoffs::add)) {
            for (int i = 0; i < 3; i++) {
                server.enqueue(json(200, rolling("ce", new long[0], new double[0], new double[0], new double[0])));
            }
            paced.rollingOption(request(OptionType.CE, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 15)));
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(slept).containsExactly(500_000_000L, 500_000_000L);
    }

    @Test
    void aRateLimitRefusalIsRetriedAfterABackoff() {
        server.enqueue(json(429, "{\"errorType\":\"Rate_Limit\",\"errorCode\":\"DH-904\",\"errorMessage\":"
                + "\"Too many requests on server from single user breaching rate limits.\"}"));
        server.enqueue(json(200, "{\"status\":\"failed\",\"data\":{\"805\":\"Too many requests\"}}"));
        server.enqueue(json(200, rolling("pe", new long[] {SEP_1_0915}, new double[] {13.1}, new double[] {24500},
                new double[] {24510})));

        RollingOptionSeries series = client.rollingOption(request(OptionType.PE, SEP_1, SEP_1));

        assertThat(series.values(RollingField.IV)).containsExactly(13.1);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(backoffs).containsExactly(Duration.ofSeconds(3).toNanos(), Duration.ofSeconds(6).toNanos());
    }

    @Test
    void aRateLimitThatPersistsIsThrownAfterTheRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(429, "{\"errorType\":\"Rate_Limit\",\"errorCode\":\"DH-904\",\"errorMessage\":\"slow down\"}"));
        }

        MarketDataException e = thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMIT);
        assertThat(e.call()).isEqualTo("POST /v2/charts/rollingoption");
        assertThat(e.answer()).isEqualTo("429 DH-904 (rate limit exceeded): slow down (still after 2 retries)");
        assertThat(backoffs).hasSize(2);
        assertThat(client.malformedCount("rollingoption")).as("Dhan's refusal is not a malformed answer").isZero();
    }

    @Test
    void dhansOwnErrorsAreReportedAsDhanSaidThem() {
        server.enqueue(json(400, "{\"errorType\":\"Input_Exception\",\"errorCode\":\"DH-905\",\"errorMessage\":"
                + "\"Invalid date range\"}"));
        MarketDataException input = thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));
        assertThat(input.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(input.answer()).isEqualTo("400 DH-905 (missing or bad request parameters): Invalid date range");
        assertThat(DhanChartsClient.isNoData(input)).isFalse();

        server.enqueue(json(200, "{\"data\":{\"814\":\"Invalid Request\"},\"status\":\"failed\"}"));
        MarketDataException failed = thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));
        assertThat(failed.answer()).isEqualTo("200 with status \"failed\" 814 (invalid request): Invalid Request");

        server.enqueue(json(400, "{\"errorType\":\"Data_Error\",\"errorCode\":\"DH-907\",\"errorMessage\":\"No data\"}"));
        MarketDataException noData = thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));
        assertThat(DhanChartsClient.isNoData(noData)).isTrue();
        assertThat(client.malformedCount("rollingoption")).isZero();
    }

    /** Each malformation of protocol §7.5's shape, and the reason the client gives for it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unequal lengths     | {"data":{"ce":{"iv":[12.9,13.0],"strike":[24500.0],"spot":[24510.0,24511.0],"timestamp":[1756698300,1756698360]},"pe":null}} | data.ce.strike has 1 values for 2 timestamps
            missing series      | {"data":{"ce":{"iv":[12.9],"spot":[24510.0],"timestamp":[1756698300]},"pe":null}}                                         | no "data.ce.strike" array
            missing timestamps  | {"data":{"ce":{"iv":[12.9],"strike":[24500.0],"spot":[24510.0]},"pe":null}}                                               | no "data.ce.timestamp" array
            null value          | {"data":{"ce":{"iv":[12.9,null],"strike":[24500.0,24500.0],"spot":[24510.0,24511.0],"timestamp":[1756698300,1756698360]},"pe":null}} | data.ce.iv[1] is null
            NaN value           | {"data":{"ce":{"iv":[NaN],"strike":[24500.0],"spot":[24510.0],"timestamp":[1756698300]},"pe":null}}                       | data.ce.iv[0] is NaN
            string value        | {"data":{"ce":{"iv":["12.9"],"strike":[24500.0],"spot":[24510.0],"timestamp":[1756698300]},"pe":null}}                    | data.ce.iv[0] is "12.9", not a number
            series not an array | {"data":{"ce":{"iv":12.9,"strike":[24500.0],"spot":[24510.0],"timestamp":[1756698300]},"pe":null}}                        | data.ce.iv that is not an array
            side null           | {"data":{"ce":null,"pe":null}}                                                                                            | data.ce null for a CALL request
            side missing        | {"data":{"pe":null}}                                                                                                      | data.ce missing for a CALL request
            other side filled   | {"data":{"ce":{"iv":[12.9],"strike":[24500.0],"spot":[24510.0],"timestamp":[1756698300]},"pe":{"iv":[13.0],"timestamp":[1756698300]}}} | data.pe filled for a CALL request
            no data             | {"ce":{"iv":[12.9]}}                                                                                                      | no "data" object
            timestamps repeat   | {"data":{"ce":{"iv":[12.9,13.0],"strike":[24500.0,24500.0],"spot":[24510.0,24511.0],"timestamp":[1756698300,1756698300]},"pe":null}} | data.ce.timestamp[1] = 1756698300 does not follow 1756698300
            fractional second   | {"data":{"ce":{"iv":[12.9],"strike":[24500.0],"spot":[24510.0],"timestamp":[1756698300.5]},"pe":null}}                    | data.ce.timestamp[0] = 1.7566983005E9 is not epoch seconds
            not JSON            | <html><body>502 Bad Gateway</body></html>                                                                                 | 200 with a body that is not a JSON object: <html><body>502 Bad Gateway</body></html>
            """)
    void aMalformedRollingAnswerIsReportedCountedAndNotReturned(String name, String answer, String reason) {
        server.enqueue(json(200, answer));

        MarketDataException e = thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.call()).isEqualTo("POST /v2/charts/rollingoption");
        assertThat(e.answer()).endsWith(reason);
        assertThat(client.malformedCount("rollingoption")).isEqualTo(1);
        assertThat(client.malformedCount("intraday")).isZero();
    }

    @Test
    void aMalformedSecondWindowLosesTheWholeRange() {
        server.enqueue(json(200, rolling("ce", new long[] {SEP_1_0915}, new double[] {12.9}, new double[] {24500},
                new double[] {24510})));
        server.enqueue(json(200, "{\"data\":{\"ce\":{\"iv\":[12.9,13.0],\"strike\":[24500.0],\"spot\":[1.0,2.0],"
                + "\"timestamp\":[1759290900,1759290960]},\"pe\":null}}"));

        assertThatThrownBy(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1.plusDays(40))))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("data.ce.strike has 1 values for 2 timestamps");
        assertThat(client.malformedCount("rollingoption")).isEqualTo(1);
    }

    @Test
    void malformedAnswersAreExportedPerEndpoint() {
        server.enqueue(json(200, "{\"data\":{\"ce\":null,\"pe\":null}}"));
        thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        client.bindTo(registry);

        assertThat(registry.get("livechain.dhan.charts.malformed").tag("endpoint", "rollingoption")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("livechain.dhan.charts.malformed").tag("endpoint", "intraday")
                .functionCounter().count()).isZero();
    }

    @Test
    void anErrorEchoingTheTokenIsMasked() {
        server.enqueue(json(400, "{\"errorType\":\"Order_Error\",\"errorCode\":\"DH-906\",\"errorMessage\":"
                + "\"Invalid Token test-access-token-9f8e7d6c5b4a\"}"));

        MarketDataException e = thrown(() -> client.rollingOption(request(OptionType.CE, SEP_1, SEP_1)));

        assertThat(e.getMessage()).doesNotContain("test-access-token-9f8e7d6c5b4a").contains("Invalid Token ****");
    }

    @Test
    void intradayPostsTheDocumentedBodyAndReadsFloatTimestamps() throws Exception {
        // As recorded (§7.3): volume and timestamp written as floats.
        server.enqueue(json(200, "{\"open\":[26010.5,26012.0],\"high\":[26015.0,26020.0],\"low\":[26001.0,26010.0],"
                + "\"close\":[26012.0,26018.5],\"volume\":[0.0,0.0],\"timestamp\":[1793596500.0,1793596800.0]}"));

        Candles candles = client.intraday(new IntradayRequest(13, ExchangeSegment.IDX_I, "INDEX", 5, false,
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2)));

        assertThat(candles.timestamps()).containsExactly(1793596500L, 1793596800L);
        assertThat(candles.close()).containsExactly(26012.0, 26018.5);
        assertThat(candles.openInterest()).isNull();
        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/charts/intraday");
        JsonNode body = body(request);
        assertThat(body.get("securityId").asString()).isEqualTo("13");
        assertThat(body.get("exchangeSegment").asString()).isEqualTo("IDX_I");
        assertThat(body.get("instrument").asString()).isEqualTo("INDEX");
        assertThat(body.get("interval").asString()).isEqualTo("5");
        assertThat(body.get("oi").asBoolean()).isFalse();
        assertThat(body.get("fromDate").asString()).isEqualTo("2026-11-02 00:00:00");
        assertThat(body.get("toDate").asString()).isEqualTo("2026-11-03 00:00:00");
    }

    @Test
    void intradayOfMoreThanNinetyDaysIsAskedInNinetyDayCalls() throws Exception {
        for (int i = 0; i < 2; i++) {
            server.enqueue(json(200, "{\"open\":[],\"high\":[],\"low\":[],\"close\":[],\"volume\":[],\"timestamp\":[],"
                    + "\"open_interest\":[]}"));
        }

        Candles candles = client.intraday(new IntradayRequest(35001, ExchangeSegment.NSE_FNO, "OPTIDX", 60, true,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30)));

        assertThat(candles.size()).isZero();
        assertThat(candles.openInterest()).isEmpty();
        JsonNode first = body(take());
        JsonNode second = body(take());
        assertThat(first.get("fromDate").asString() + ".." + first.get("toDate").asString())
                .isEqualTo("2026-01-01 00:00:00..2026-04-01 00:00:00");
        assertThat(second.get("fromDate").asString() + ".." + second.get("toDate").asString())
                .isEqualTo("2026-04-01 00:00:00..2026-05-01 00:00:00");
        assertThat(first.get("oi").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unequal lengths    | {"open":[1.0,2.0],"high":[1.0,2.0],"low":[1.0,2.0],"close":[1.0],"volume":[5.0,6.0],"timestamp":[1793596500,1793596560]} | close has 1 values for 2 timestamps
            missing series     | {"open":[1.0],"high":[1.0],"low":[1.0],"volume":[5.0],"timestamp":[1793596500]}                                      | no "close" array
            open interest short| {"open":[1.0],"high":[1.0],"low":[1.0],"close":[1.0],"volume":[5.0],"timestamp":[1793596500],"open_interest":[]}     | open_interest has 0 values for 1 timestamps
            null value         | {"open":[1.0],"high":[null],"low":[1.0],"close":[1.0],"volume":[5.0],"timestamp":[1793596500]}                       | high[0] is null
            infinite value     | {"open":[1.0],"high":[1.0],"low":[1.0],"close":[Infinity],"volume":[5.0],"timestamp":[1793596500]}                   | close[0] is Infinity
            """)
    void aMalformedIntradayAnswerIsReportedCountedAndNotReturned(String name, String answer, String reason) {
        server.enqueue(json(200, answer));

        MarketDataException e = thrown(() -> client.intraday(new IntradayRequest(13, ExchangeSegment.IDX_I, "INDEX",
                1, false, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2))));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.answer()).isEqualTo("200 with a malformed answer: " + reason);
        assertThat(client.malformedCount("intraday")).isEqualTo(1);
        assertThat(client.malformedCount("rollingoption")).isZero();
    }

    @Test
    void requestsOutsideWhatDhanAcceptsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new RollingOptionRequest(13, ExchangeSegment.NSE_FNO, ExpiryFlag.MONTH, 0, "ATM",
                OptionType.CE, 1, SEP_1, SEP_1, EnumSet.of(RollingField.IV)))
                .hasMessageContaining("expiryCode must be 1 (nearest)");
        assertThatThrownBy(() -> new RollingOptionRequest(13, ExchangeSegment.NSE_FNO, ExpiryFlag.MONTH, 1, "ATM+11",
                OptionType.CE, 1, SEP_1, SEP_1, EnumSet.of(RollingField.IV)))
                .hasMessageContaining("strike must be ATM");
        assertThatThrownBy(() -> new RollingOptionRequest(13, ExchangeSegment.IDX_I, ExpiryFlag.MONTH, 1, "ATM",
                OptionType.CE, 1, SEP_1, SEP_1, EnumSet.of(RollingField.IV)))
                .hasMessageContaining("NSE_FNO or BSE_FNO");
        assertThatThrownBy(() -> new RollingOptionRequest(13, ExchangeSegment.NSE_FNO, ExpiryFlag.MONTH, 1, "ATM",
                OptionType.CE, 25, SEP_1, SEP_1, EnumSet.of(RollingField.IV)))
                .hasMessageContaining("1, 5, 15 or 60");
        assertThat(server.getRequestCount()).isZero();
    }
}
