package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What a frontend sees when it asks the history API wrongly, and what the OpenAPI description says: every
 * rejection names the parameter (400) or lists what exists (404), as RFC 9457 problems.
 */
class HistoryApiEndToEndTest {

    private static Path dir;
    private static HistoryApp app;
    private static String expiry;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("history-api");
        app = HistoryApp.start("jdbc:sqlite:" + dir.resolve("history.db"), dir);
        expiry = HistoryEndToEndTest.awaitPrices(app).toString();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static JsonNode problem(String query, int status) {
        HttpResponse<String> response = app.get(query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return HistoryApp.JSON.readTree(response.body());
    }

    @Test
    void eachMalformedParameterIsNamed() {
        assertThat(problem("/options/series?expiry=" + expiry, 400).get("detail").asString())
                .startsWith("Parameter 'underlying' is required");
        assertThat(problem("/options/series?underlying=NIFTY", 400).get("detail").asString())
                .startsWith("Parameter 'expiry' is required");
        assertThat(problem("/options/series?underlying=NIFTY&expiry=2026-13-01", 400).get("detail").asString())
                .startsWith("Parameter 'expiry' must be an ISO date");
        assertThat(problem("/options/series?underlying=NI%20FTY&expiry=" + expiry, 400).get("detail").asString())
                .startsWith("Parameter 'underlying' must be an index symbol");
        assertThat(problem("/options/series?underlying=NIFTY&expiry=" + expiry + "&strike=abc", 400).get("detail")
                .asString()).startsWith("Parameter 'strike' must be a strike price");
        assertThat(problem("/options/series?underlying=NIFTY&expiry=" + expiry + "&from=yesterday", 400).get("detail")
                .asString()).startsWith("Parameter 'from' must be an ISO date");
        assertThat(problem("/options/series?underlying=NIFTY&expiry=" + expiry + "&to=09:15", 400).get("detail")
                .asString()).startsWith("Parameter 'to' must be an ISO date");
        assertThat(problem("/options/series?underlying=NIFTY&expiry=" + expiry + "&from=2026-12-03&to=2026-12-02", 400)
                .get("detail").asString()).startsWith("Parameter 'from' must not be after 'to'");
        assertThat(problem("/options/iv-history?underlying=NIFTY&days=0", 400).get("detail").asString())
                .startsWith("Parameter 'days' must be a whole number");
        assertThat(problem("/options/iv-history", 400).get("title").asString()).isEqualTo("Bad request parameter");
    }

    @Test
    void unknownNamesListWhatExists() {
        JsonNode underlying = problem("/options/series?underlying=NIFTYX&expiry=" + expiry, 404);
        assertThat(underlying.get("title").asString()).isEqualTo("Unknown underlying");
        assertThat(texts(underlying.get("available"))).containsExactly("NIFTY", "BANKNIFTY");
        assertThat(texts(problem("/options/iv-history?underlying=NIFTYX", 404).get("available")))
                .containsExactly("NIFTY", "BANKNIFTY");

        JsonNode unknownExpiry = problem("/options/series?underlying=NIFTY&expiry=2020-01-02", 404);
        assertThat(unknownExpiry.get("detail").asString()).isEqualTo("No NIFTY expiry on 2020-01-02 is live or was recorded.");
        assertThat(texts(unknownExpiry.get("available"))).contains(expiry).isSorted();

        JsonNode unknownStrike = problem("/options/series?underlying=NIFTY&expiry=" + expiry + "&strike=10.5", 404);
        assertThat(unknownStrike.get("title").asString()).isEqualTo("Unknown strike");
        assertThat(unknownStrike.get("available").size()).isGreaterThan(30);
    }

    @Test
    void theSeriesOfALiveExpiryAnswersInTheContractsShape() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !app.json("/options/series?underlying=nifty&expiry=" + expiry)
                .get("points").isEmpty());
        JsonNode body = app.json("/options/series?underlying=nifty&expiry=" + expiry);
        assertThat(fieldNames(body)).containsExactly("source", "underlying", "expiry", "interval", "points");
        assertThat(body.get("source").asString()).isEqualTo("SIMULATED");
        assertThat(body.get("underlying").asString()).isEqualTo("NIFTY");
        assertThat(body.get("interval").asString()).isEqualTo("PT2S");
        JsonNode point = body.get("points").get(0);
        assertThat(fieldNames(point)).containsExactly("t", "spot", "forward", "atmStrike", "atmIv", "straddle", "pcr",
                "maxPain", "totalCeOi", "totalPeOi");
        assertThat(point.get("t").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+05:30");
        assertThat(point.get("atmStrike").isIntegralNumber()).as("whole strikes as integers").isTrue();

        long strike = point.get("atmStrike").asLong();
        JsonNode legs = app.json("/options/series?underlying=NIFTY&expiry=" + expiry + "&strike=" + strike);
        assertThat(fieldNames(legs)).containsExactly("source", "underlying", "expiry", "strike", "interval", "points");
        assertThat(legs.get("strike").asLong()).isEqualTo(strike);
        assertThat(fieldNames(legs.get("points").get(0))).containsExactly("t", "ce", "pe");
        assertThat(fieldNames(legs.get("points").get(0).get("ce"))).containsExactly("ltp", "bid", "ask", "iv", "oi", "volume");

        JsonNode iv = app.json("/options/iv-history?underlying=NIFTY");
        assertThat(fieldNames(iv)).containsExactly("source", "underlying", "current", "ivRank", "ivPercentile", "days");
        assertThat(fieldNames(iv.get("days").get(0))).containsExactly("date", "atmIv", "origin");
        assertThat(iv.get("current").asDouble()).isEqualTo(iv.get("days").get(0).get("atmIv").asDouble());
    }

    @Test
    void theOpenApiDescriptionDocumentsBothEndpointsWithExamples() {
        JsonNode api = app.json("/v3/api-docs");
        JsonNode series = api.get("paths").get("/options/series").get("get");
        assertThat(series.get("operationId").asString()).isEqualTo("series");
        assertThat(texts(series.get("parameters"), "name")).containsExactlyInAnyOrder("underlying", "expiry", "strike",
                "from", "to");
        JsonNode examples = series.get("responses").get("200").get("content").get("application/json").get("examples");
        assertThat(examples.get("expiry").get("value").get("interval").asString()).isEqualTo("PT1M");
        assertThat(examples.get("strike").get("value").get("points").get(0).get("ce").get("iv").asDouble()).isPositive();
        assertThat(series.get("responses").get("404").get("content").get("application/problem+json").get("schema")
                .get("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        JsonNode ivHistory = api.get("paths").get("/options/iv-history").get("get");
        assertThat(ivHistory.get("responses").get("200").get("content").get("application/json").get("examples")
                .get("example").get("value").get("days").get(0).get("origin").asString()).isEqualTo("RECORDED");
        assertThat(ivHistory.get("responses").get("503").get("headers").has("Retry-After")).isTrue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asString()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
