package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataSource;
import com.livechain.market.MarketHours;
import com.livechain.universe.OptionChainSnapshot;
import com.livechain.chain.TickApplier;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UniverseLoad;

/**
 * The whole app on a random port, with a market-data source that is slow on purpose: while it loads, it
 * asks the running server for its readiness, so the test sees the probe before and after the cache fills.
 * The feed is pointed at a closed port, so the only ticks are the ones the test applies and every counter
 * can be checked to the exact amount.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.underlyings=NIFTY",
        "livechain.mode=live",
        // The feed never connects here; a window this long keeps readiness on the chain alone.
        "livechain.stale-after=1h",
        "livechain.dhan.client-id=" + OperationsEndToEndTest.CLIENT_ID,
        "livechain.dhan.access-token=" + OperationsEndToEndTest.TOKEN,
        "livechain.dhan.feed-url=ws://127.0.0.1:9",
        "livechain.dhan.rest-url=http://127.0.0.1:9/v2",
        "livechain.dhan.instruments-url=http://127.0.0.1:9/scrip-master.csv",
        "livechain.credentials.db=target/ops-e2e/credentials.db"})
class OperationsEndToEndTest {

    static final String CLIENT_ID = "1100123456";
    // {"iss":"dhan","exp":1764262800,"dhanClientId":"1100123456"}
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9"
            + ".eyJpc3MiOiJkaGFuIiwiZXhwIjoxNzY0MjYyODAwLCJkaGFuQ2xpZW50SWQiOiIxMTAwMTIzNDU2In0"
            + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk";
    static final long LOAD_MILLIS = 300;

    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    @Autowired
    TickApplier applier;

    @Autowired
    SlowSource source;

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowMarket {
        @Bean
        @Primary
        SlowSource slowSource(Environment environment) {
            return new SlowSource(environment);
        }
    }

    /** Serves a two-expiry NIFTY universe, after looking at the running server's readiness. */
    static final class SlowSource implements MarketDataSource {
        private final Environment environment;
        volatile HttpResponse<String> readinessWhileLoading;
        volatile HttpResponse<String> chainWhileLoading;

        SlowSource(Environment environment) {
            this.environment = environment;
        }

        @Override
        public UniverseLoad loadUniverse(Set<String> symbols, LocalDate today) {
            // The loader starts reading the list while the context starts (ChainLoader.prefetch) and its runner
            // waits for it: once the server answers, it must say "not ready" until the read is done.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (environment.getProperty("local.server.port") == null && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            String base = "http://localhost:" + environment.getRequiredProperty("local.server.port");
            readinessWhileLoading = get(base, "/actuator/health/readiness");
            chainWhileLoading = get(base, "/options/live?underlying=NIFTY");
            try {
                Thread.sleep(LOAD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new UniverseLoad(Map.of("NIFTY", OpsFixtures.niftyUniverse(today.plusDays(7), today.plusDays(35))),
                    Map.of());
        }

        @Override
        public List<LocalDate> expiries(UnderlyingRef underlying) {
            LocalDate today = MarketHours.today(java.time.Instant.now());
            return List.of(today.plusDays(7), today.plusDays(35));
        }

        @Override
        public OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry) {
            throw new MarketDataException("POST /v2/optionchain", "not in this test", MarketDataException.Kind.UNAVAILABLE);
        }
    }

    static HttpResponse<String> get(String base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return get("http://localhost:" + port, path);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one sample line, e.g. {@code livechain_chain_legs} or {@code x_total{code="2"}}. */
    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void readinessIsDownWhileTheChainLoadsAndUpOnceItIsLoaded() {
        HttpResponse<String> before = source.readinessWhileLoading;
        assertThat(before.statusCode()).isEqualTo(503);
        JsonNode chainBefore = json(before).path("components").path("chain");
        assertThat(chainBefore.path("status").asString()).isEqualTo("DOWN");
        assertThat(chainBefore.path("details").path("state").asString()).isEqualTo("loading");
        assertThat(source.chainWhileLoading.statusCode()).isEqualTo(503);
        assertThat(source.chainWhileLoading.headers().firstValue("Retry-After")).contains("5");

        HttpResponse<String> after = get("/actuator/health/readiness");
        assertThat(after.statusCode()).isEqualTo(200);
        JsonNode readiness = json(after);
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "chain", "feed");
        JsonNode chain = readiness.path("components").path("chain");
        assertThat(chain.path("status").asString()).isEqualTo("UP");
        assertThat(chain.path("details").path("legs").asInt()).isEqualTo(OpsFixtures.LEGS);
        assertThat(chain.path("details").path("underlyings").get(0).asString()).isEqualTo("NIFTY");
    }

    @Test
    void theFeedComponentSaysWhyTheFeedIsDownWithoutPullingTheInstanceInsideTheStaleWindow() {
        JsonNode feed = json(get("/actuator/health")).path("components").path("feed");

        assertThat(feed.path("status").asString()).isEqualTo("UP");
        assertThat(feed.path("details").path("state").asString()).isEqualTo("reconnecting");
        assertThat(feed.path("details").path("reason").asString()).isNotBlank().isNotEqualTo("up");
        assertThat(feed.path("details").path("downSince").asString()).endsWith("+05:30");
        assertThat(feed.path("details").path("staleAfterSeconds").asLong()).isEqualTo(3600);
    }

    @Test
    void livenessDependsOnTheJvmOnly() {
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).path("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void ticksAppliedMoveTheCounterByExactlyTheNumberWrittenIntoTheChain() {
        double before = sample(scrape(), "livechain_ticks_applied_total");

        long id = OpsFixtures.FIRST_OPTION_ID;
        applier.ticker(0, 13, 24512.35, 1_764_149_462L);
        applier.full(2, id, 112.5, 1_764_149_462L, 1_200_345, 5_432_100, 112.3, 750, 112.6, 300);
        applier.quote(2, id + 1, 98.2, 1_764_149_462L, 10_000);
        applier.openInterest(2, id + 2, 6_000_000);
        applier.previousClose(2, id + 3, 90.0, 5_000_000);
        applier.ticker(2, 999_999, 1.0, 1_764_149_462L); // not in the chain: not applied
        applier.ticker(1, 13, 1.0, 1_764_149_462L);       // NSE_EQ 13 is not the index either

        String after = scrape();
        assertThat(sample(after, "livechain_ticks_applied_total") - before).isEqualTo(5.0);
        assertThat(sample(after, "livechain_last_tick_age_seconds{underlying=\"NIFTY\"}")).isBetween(0.0, 5.0);
    }

    @Test
    void cacheSizesAndTheLoadTimeAreScraped() {
        String scrape = scrape();

        assertThat(sample(scrape, "livechain_chain_ready")).isEqualTo(1.0);
        assertThat(sample(scrape, "livechain_chain_underlyings")).isEqualTo(1.0);
        assertThat(sample(scrape, "livechain_chain_expiries")).isEqualTo(2.0);
        assertThat(sample(scrape, "livechain_chain_legs")).isEqualTo(OpsFixtures.LEGS);
        assertThat(sample(scrape, "livechain_chain_load_duration_seconds")).isBetween(LOAD_MILLIS / 1000.0, 60.0);
        assertThat(sample(scrape, "livechain_credentials_token_expiry_timestamp_seconds")).isEqualTo(1.7642628E9);
    }

    @Test
    void chainRequestsAreTimedByOutcomeAndBootTimesEveryRequest() {
        String before = scrape();
        String success = "livechain_options_live_seconds_count{outcome=\"SUCCESS\"}";
        String clientError = "livechain_options_live_seconds_count{outcome=\"CLIENT_ERROR\"}";
        double successBefore = sample(before, success);
        double clientErrorBefore = sample(before, clientError);

        assertThat(get("/options/live?underlying=NIFTY").statusCode()).isEqualTo(200);
        assertThat(get("/options/live?underlying=nifty&strikes=2").statusCode()).isEqualTo(200);
        assertThat(get("/options/live?underlying=NIFTY&expiry=tomorrow").statusCode()).isEqualTo(400);
        assertThat(get("/options/underlyings").statusCode()).isEqualTo(200);

        String after = scrape();
        assertThat(sample(after, success) - successBefore).isEqualTo(2.0);
        assertThat(sample(after, clientError) - clientErrorBefore).isEqualTo(1.0);
        assertThat(after).contains("livechain_options_live_seconds_bucket{outcome=\"SUCCESS\",le=\"0.001\"}");
        assertThat(after).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/options/live\"[^}]*le=\"0.005\"}");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        for (String hidden : List.of("/actuator/env", "/actuator/configprops", "/actuator/metrics",
                "/actuator/heapdump", "/actuator/beans", "/actuator/loggers")) {
            assertThat(get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void infoShowsTheBuildAndTheCommitItWasBuiltFrom() throws IOException {
        JsonNode info = json(get("/actuator/info"));

        JsonNode build = info.path("build");
        assertThat(build.path("artifact").asString()).isEqualTo("livechain");
        assertThat(build.path("group").asString()).isEqualTo("com.livechain");
        assertThat(build.path("version").asString()).isNotBlank();
        assertThat(java.time.Instant.parse(build.path("time").asString())).isBefore(java.time.Instant.now());
        // The commit the build recorded (git-commit-id-maven-plugin's git.properties) is the one served.
        java.util.Properties recorded = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/git.properties")) {
            assertThat(in).as("git.properties written by the build").isNotNull();
            recorded.load(in);
        }
        JsonNode commit = info.path("git").path("commit");
        assertThat(commit.path("id").asString()).matches("[0-9a-f]{7,}")
                .isEqualTo(recorded.getProperty("git.commit.id.abbrev"));
        assertThat(info.path("git").path("branch").asString()).isEqualTo(recorded.getProperty("git.branch"));
        assertThat(commit.path("time").asString()).isNotBlank();
    }

    @Test
    void noCredentialAppearsInHealthOrMetrics() {
        String tokenPayload = TOKEN.split("\\.")[1];
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/info")) {
            String body = get(path).body();
            assertThat(body).as(path).doesNotContain(CLIENT_ID, tokenPayload, "eyJ", "c2lnbmF0dXJl");
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsInTheScrape() {
        get("/options/live?underlying=NIFTY"); // request meters appear with the first request
        Set<String> scraped = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scrape());
        while (m.find()) {
            scraped.add(m.group(1));
        }
        Set<String> used = new TreeSet<>(DeploymentFiles.seriesNames(DeploymentFiles.dashboardExpressions()));
        used.addAll(DeploymentFiles.seriesNames(DeploymentFiles.alertExpressions()));
        // Registered with the first disconnect packet from Dhan, which this test does not provoke
        // (FeedOperationsEndToEndTest provokes one and finds it).
        used.remove("livechain_feed_disconnects_total");
        // Registered with the first Dhan REST call, which this test's market-data source never makes
        // (InstrumentationEndToEndTest makes one and finds them).
        used.removeAll(List.of("livechain_dhan_requests_seconds_count", "livechain_dhan_requests_seconds_sum"));
        // Registered by the browser push, a feature merged on its own; checked as soon as it is here.
        if (!ClassUtils.isPresent("com.livechain.api.push.PushBroadcaster", null)) {
            used.remove("livechain_browser_sessions");
        }

        assertThat(used).isNotEmpty();
        assertThat(scraped).containsAll(used);
    }

    @Test
    void openApiDescribesTheChainApiWithItsParametersExamplesAndProblems() {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = json(response);

        assertThat(api.path("paths").propertyNames()).containsExactlyInAnyOrder("/options/live", "/options/underlyings",
                "/options/series", "/options/iv-history", "/options/surface");
        JsonNode live = api.path("paths").path("/options/live").path("get");
        JsonNode parameters = live.path("parameters");
        assertThat(parameters.valueStream().map(p -> p.path("name").asString()))
                .containsExactly("underlying", "expiry", "strikes");
        assertThat(parameters.get(0).path("required").asBoolean()).isTrue();
        assertThat(parameters.get(1).path("schema").path("format").asString()).isEqualTo("date");
        assertThat(parameters.get(2).path("schema").path("maximum").asInt()).isEqualTo(1000);

        JsonNode responses = live.path("responses");
        assertThat(responses.propertyNames()).containsExactlyInAnyOrder("200", "400", "404", "503");
        JsonNode example = responses.path("200").path("content").path("application/json")
                .path("examples").path("example").path("value");
        assertThat(example.path("underlying").path("ltp").asDouble()).isEqualTo(24512.35);
        assertThat(example.path("strikes").get(1).path("ce").path("iv").asDouble()).isEqualTo(13.42);
        assertThat(responses.path("200").path("content").path("application/json").path("schema").path("$ref").asString())
                .endsWith("/ChainView");
        for (String status : List.of("400", "404", "503")) {
            assertThat(responses.path(status).path("content").propertyNames()).as(status)
                    .containsExactly("application/problem+json");
        }
        assertThat(responses.path("503").path("headers").propertyNames()).containsExactly("Retry-After");
        assertThat(api.path("paths").path("/options/underlyings").path("get").path("responses").propertyNames())
                .containsExactlyInAnyOrder("200", "503");

        HttpResponse<String> ui = get("/swagger-ui.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    @Test
    void theDocumentedExamplesHaveTheFieldsOfRealResponses() {
        JsonNode paths = json(get("/v3/api-docs")).path("paths");
        JsonNode liveExample = paths.path("/options/live").path("get").path("responses").path("200").path("content")
                .path("application/json").path("examples").path("example").path("value");
        JsonNode underlyingsExample = paths.path("/options/underlyings").path("get").path("responses").path("200")
                .path("content").path("application/json").path("examples").path("example").path("value");

        assertThat(fieldPaths(liveExample, "")).isEqualTo(fieldPaths(json(get("/options/live?underlying=NIFTY")), ""));
        assertThat(fieldPaths(underlyingsExample, "")).isEqualTo(fieldPaths(json(get("/options/underlyings")), ""));
    }

    /** Every field path of a JSON value, arrays read through their first element: "strikes[].ce.ltp". */
    static Set<String> fieldPaths(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                paths.addAll(fieldPaths(node.path(name), path));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            paths.addAll(fieldPaths(node.get(0), prefix + "[]"));
        }
        return paths;
    }

    @Test
    void theDocumentedProblemsHaveTheShapeOfTheRealOnes() {
        JsonNode documented = json(get("/v3/api-docs")).path("paths").path("/options/live").path("get")
                .path("responses").path("404").path("content").path("application/problem+json")
                .path("examples").path("unknownUnderlying").path("value");

        HttpResponse<String> real = get("/options/live?underlying=NIFTYX");

        assertThat(real.statusCode()).isEqualTo(404);
        assertThat(real.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(real).propertyNames()).containsExactlyInAnyOrderElementsOf(documented.propertyNames());
        assertThat(json(real).path("title").asString()).isEqualTo(documented.path("title").asString());
    }
}
