package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.UnderlyingRef;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.rest.DhanRestClient;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.rest.RestServletTest;

/**
 * What the start-up token tests share: a simulator with TOTP enabled for one client, a store, and the check that the
 * app runs live on the token it generated at start-up, which is then the only token the simulator accepts.
 */
final class StartupTokens {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_ID = "1100888321";
    static final String PIN = "531902";
    static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private StartupTokens() {
    }

    /** A simulator on {@code clock} whose account has TOTP enabled, holding {@code token} as its valid one. */
    static DhanSimulator simulator(Clock clock, String token) {
        DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(31L).ticksPerSecond(20)
                .listing(SimulatorProperties.Listing.NEAR).clientId(CLIENT_ID).accessToken(token)
                .optionChainInterval(Duration.ofMillis(20)).dataApiRequestsPerSecond(1_000).build(), clock);
        dhan.auth().enableTotp(PIN, TOTP_SECRET);
        return dhan;
    }

    /** The app in live mode against {@code dhan}, with no credentials in the environment: only what {@code store} keeps. */
    static void liveAgainst(DynamicPropertyRegistry registry, DhanSimulator dhan, SqliteCredentialStore store) {
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
        registry.add("livechain.dhan.rest-url", dhan::restUrl);
        registry.add("livechain.dhan.feed-url", dhan::feedUrl);
        registry.add("livechain.dhan.instruments-url", dhan::instrumentsUrl);
        registry.add("livechain.dhan.auth-url", dhan::authUrl);
        registry.add("livechain.credentials.db", () -> store.db().toString());
    }

    static SqliteCredentialStore store(String prefix) {
        try {
            return new SqliteCredentialStore(Files.createTempDirectory(prefix).resolve("credentials.db"), System::getenv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The app is live on a token it generated through the simulator's generateAccessToken: the store holds it, the
     * simulator accepts it and no other ({@code replaced} is dead), REST and the feed authenticated with nothing
     * refused, and {@code /options/live} shows Dhan's fresh prices. Returns the generated token.
     */
    static String assertLiveOnTheGeneratedToken(DhanSimulator dhan, SqliteCredentialStore store, String replaced,
                                                int port, DhanAccess access, DhanRestClient rest) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).until(() -> "up".equals(
                health(http, port, "feed").path("details").path("state").asString()));

        String generated = dhan.credentials().accessToken();
        assertThat(generated).as("the simulator's valid token is a new one").isNotEqualTo(replaced);
        assertThat(dhan.auth().check(CLIENT_ID, replaced)).as("the token it replaced").isNotEqualTo(SimulatorAuth.Check.OK);
        assertThat(store.load()).as("stored, encrypted").contains(new DhanCredentials(CLIENT_ID, generated));
        assertThat(access.credentials()).as("what REST and the feed read").contains(new DhanCredentials(CLIENT_ID, generated));

        // The feed: connected, authenticated, never refused; only the generated token is accepted, so it sent that one.
        assertThat(dhan.counters().connectionsAuthenticated()).isPositive();
        assertThat(dhan.counters().authFailures()).as("feed connections refused").isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode chain = JSON.readTree(get(http, port, "/options/live?underlying=NIFTY").body());
            return "DHAN".equals(chain.path("source").asString())
                    && ChaosFixtures.prices(chain).stream().anyMatch(p -> !p.stale() && p.updatedAtMillis() > 0);
        });

        // REST: the start-up calls and one more now, none refused.
        long before = dhan.counters().restRequests();
        assertThat(rest.expiryList(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I))).isNotEmpty();
        assertThat(dhan.counters().restRequests()).isGreaterThan(before);
        assertThat(dhan.counters().restUnauthorized()).as("REST calls refused").isZero();
        // The same request again within Dhan's 3 s unique-request interval is refused with 429, which the simulator
        // answers only after the token check (auth, input, rate limit): so 200 and 429 both say the token was taken.
        assertThat(RestServletTest.post(dhan, "/optionchain/expirylist", "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}",
                new DhanCredentials(CLIENT_ID, generated)).status()).as("the generated token on REST").isIn(200, 429);
        assertThat(RestServletTest.post(dhan, "/optionchain/expirylist", "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}",
                new DhanCredentials(CLIENT_ID, replaced)).status()).as("the replaced token on REST").isEqualTo(401);

        JsonNode token = health(http, port, "token").path("details");
        assertThat(token.path("lastRenewal").path("outcome").asString()).isEqualTo("success");
        assertThat(token.path("lastRenewal").path("method").asString()).startsWith("generateAccessToken");
        assertThat(token.path("expiresInSeconds").asLong()).isGreaterThan(23L * 3600);
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/info", "/options/live?underlying=NIFTY")) {
            assertThat(get(http, port, path).body()).as(path).doesNotContain(generated).doesNotContain(TOTP_SECRET)
                    .doesNotContain("\"" + PIN + "\"");
        }
        return generated;
    }

    static JsonNode health(HttpClient http, int port, String component) {
        return JSON.readTree(get(http, port, "/actuator/health").body()).path("components").path(component);
    }

    static HttpResponse<String> get(HttpClient http, int port, String path) {
        try {
            return ChaosFixtures.get(http, port, path);
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }
}
