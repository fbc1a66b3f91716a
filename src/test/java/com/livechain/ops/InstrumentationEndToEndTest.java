package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.livechain.chain.ChainCache;
import com.livechain.config.SimulatorHandle;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.rest.DhanRestClient;

/**
 * What the libraries measure for us, read from the real scrape of the whole app against the embedded
 * simulator: Dhan's REST calls (Micrometer's OkHttp listener, by path), the executors the code creates
 * (and Spring's), the shared OkHttp client's pool, and the rendered-body cache (Caffeine's statistics).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.underlyings=NIFTY",
        "livechain.mode=simulated",
        "livechain.simulator.listing=near",
        // Only the test moves the market, so nothing but the test's own requests changes the counters it reads.
        "livechain.simulator.real-time=false",
        "livechain.feed.stall-after=10m",
        "livechain.credentials.db=target/instrumentation-e2e/credentials.db"})
class InstrumentationEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    DhanRestClient rest;

    @Autowired
    ChainCache cache;

    @Autowired
    SimulatorHandle simulator;

    HttpResponse<String> get(String path) {
        return OperationsEndToEndTest.get("http://localhost:" + port, path);
    }

    String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the one line of {@code series} whose labels include every one of {@code labels}; 0 if none. */
    static double sample(String scrape, String series, String... labels) {
        if (labels.length == 0) {
            return FeedOperationsEndToEndTest.sample(scrape, series);
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        Double found = null;
        while (m.find()) {
            List<String> present = List.of(m.group(1).split(","));
            if (present.containsAll(List.of(labels))) {
                assertThat(found).as("one %s line with %s", series, List.of(labels)).isNull();
                found = Double.parseDouble(m.group(2));
            }
        }
        return found == null ? 0 : found;
    }

    @Test
    void aDhanRestCallIsTimedByMethodPathAndStatus() {
        String[] expiryList = {"method=\"POST\"", "uri=\"/v2/optionchain/expirylist\"", "status=\"200\"",
                "outcome=\"SUCCESS\""};
        double before = sample(scrape(), "livechain_dhan_requests_seconds_count", expiryList);

        assertThat(rest.expiryList(cache.underlying("NIFTY").orElseThrow().ref())).isNotEmpty();

        String after = scrape();
        assertThat(sample(after, "livechain_dhan_requests_seconds_count", expiryList) - before).isEqualTo(1.0);
        assertThat(sample(after, "livechain_dhan_requests_seconds_sum", expiryList)).isPositive();
        // The start-up calls: the scrip master without credentials, the snapshot of the nearest expiry.
        assertThat(sample(after, "livechain_dhan_requests_seconds_count", "method=\"GET\"",
                "uri=\"/api-data/api-scrip-master-detailed.csv\"", "status=\"200\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(after, "livechain_dhan_requests_seconds_count", "method=\"POST\"",
                "uri=\"/v2/optionchain\"", "status=\"200\"")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void theUriTagIsThePathNeverAQueryOrACredential() {
        DhanCredentials credentials = simulator.simulator().credentials();
        List<String> lines = scrape().lines().filter(l -> l.startsWith("livechain_dhan_requests")).toList();

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(credentials.accessToken(), credentials.clientId(), "token", "?"));
        // Only the REST paths: the feed's WebSocket (its URL carries the token) is not timed as a call at all.
        assertThat(lines.stream().map(l -> l.replaceAll(".*uri=\"([^\"]*)\".*", "$1")).distinct())
                .containsExactlyInAnyOrder("/v2/optionchain/expirylist", "/v2/optionchain",
                        "/api-data/api-scrip-master-detailed.csv");
    }

    @Test
    void theFeedReadsOnTheDispatcherItSharesWithTheRestCalls() {
        // REST calls run on the caller's thread; an active thread on the shared dispatcher is a feed socket's reader.
        await().atMost(WAIT).until(() -> sample(scrape(), "livechain_feed_up") == 1.0);
        String scrape = scrape();
        assertThat(sample(scrape, "executor_active_threads", "name=\"okhttp-dispatcher\""))
                .isEqualTo(FeedOperationsEndToEndTest.feedConnections(scrape));
        assertThat(scrape).containsPattern("(?m)^okhttp_pool_connection_count_connections\\{state=\"idle\"} ");
    }

    @Test
    void everyExecutorTheCodeCreatesIsMeasured() {
        String scrape = scrape();
        for (String name : List.of("livechain-feed", "livechain-feed-watch", "push-tick", "push-send",
                "okhttp-dispatcher", "applicationTaskExecutor")) {
            assertThat(scrape).as(name).containsPattern("(?m)^executor_pool_size_threads\\{name=\"" + name + "\"} ")
                    .containsPattern("(?m)^executor_queued_tasks\\{name=\"" + name + "\"} ");
        }
        // The feed watch samples once a second: its completed count moves on its own.
        double sampled = sample(scrape, "executor_completed_tasks_total", "name=\"livechain-feed-watch\"");
        await().atMost(WAIT).until(() ->
                sample(scrape(), "executor_completed_tasks_total", "name=\"livechain-feed-watch\"") > sampled);
    }

    @Test
    void theRenderedBodyCacheCountsFoundAndMissingBodies() {
        String before = scrape();
        String cacheTag = "cache=\"rendered-chains\"";
        double hits = sample(before, "cache_gets_total", cacheTag, "result=\"hit\"");
        double misses = sample(before, "cache_gets_total", cacheTag, "result=\"miss\"");

        // A window no other test asks for: the first request finds no body, the second finds the first's.
        assertThat(get("/options/live?underlying=NIFTY&strikes=7").statusCode()).isEqualTo(200);
        assertThat(get("/options/live?underlying=NIFTY&strikes=7").statusCode()).isEqualTo(200);

        String after = scrape();
        assertThat(sample(after, "cache_gets_total", cacheTag, "result=\"miss\"")).isGreaterThan(misses);
        assertThat(sample(after, "cache_gets_total", cacheTag, "result=\"hit\"")).isGreaterThan(hits);
        assertThat(sample(after, "cache_size", cacheTag)).isGreaterThanOrEqualTo(1.0);
        assertThat(after).containsPattern("(?m)^cache_evictions_total\\{cache=\"rendered-chains\"} ");
    }
}
