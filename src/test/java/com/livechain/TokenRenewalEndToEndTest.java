package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.UnderlyingRef;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.Totp;
import com.livechain.credentials.TotpSecrets;
import com.livechain.credentials.renewal.TokenRenewalScheduler;
import com.livechain.dhan.rest.DhanRestClient;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.rest.RestServletTest;

/**
 * The app renews its own token: live mode against the simulator, which issued it a web token (SELF) with 2 h 10 min
 * left, kept in the encrypted store; {@code livechain.dhan.renew-before} at its default of 2 h. The app and the
 * simulator share a clock that runs with the wall clock and that the test moves 15 minutes ahead, past the renewal
 * time. The app must then renew through RenewToken (answered in the {@code token} field here), the simulator
 * revokes the old token, and REST and the feed go on with the new one, no restart: the store holds it, a
 * reconnect authenticates with it, {@code /options/live} shows fresh prices after that reconnect.
 *
 * <p>Then, on the same running app, the TOTP path: an APP token, which RenewToken refuses, with the PIN and TOTP
 * secret in the store; a day later the app generates the next one itself through the simulator's
 * generateAccessToken. The two tests run in order: the second starts where the first left the app.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(classes = {LivechainApplication.class, TokenRenewalEndToEndTest.Renewal.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.mode=live",
        "livechain.underlyings=NIFTY",
        "livechain.stale-after=2s",
        "livechain.feed.reconnect-min=20ms",
        "livechain.feed.reconnect-max=300ms",
        "livechain.feed.auth-retry=250ms",
        "livechain.feed.close-timeout=200ms",
        "livechain.dhan.rest.option-chain-interval=50ms"})
class TokenRenewalEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_ID = "1100777123";
    static final ShiftableClock CLOCK = new ShiftableClock(ChaosFixtures.marketHoursClock());
    static final Instant START = CLOCK.instant();
    static final String FIRST = SimulatorAuth.jwt(CLIENT_ID, "SELF", START.minus(Duration.ofHours(22)),
            START.plus(Duration.ofMinutes(130)));
    static final DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(23L).ticksPerSecond(20)
            .listing(SimulatorProperties.Listing.NEAR).clientId(CLIENT_ID).accessToken(FIRST)
            .renewTokenField(SimulatorProperties.TokenField.TOKEN)
            .optionChainInterval(Duration.ofMillis(20)).dataApiRequestsPerSecond(1_000).build(), CLOCK);
    static final SqliteCredentialStore store;

    static {
        try {
            store = new SqliteCredentialStore(Files.createTempDirectory("livechain-renewal-").resolve("credentials.db"),
                    System::getenv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.save(new DhanCredentials(CLIENT_ID, FIRST));
    }

    @DynamicPropertySource
    static void liveAgainstTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
        registry.add("livechain.dhan.rest-url", dhan::restUrl);
        registry.add("livechain.dhan.feed-url", dhan::feedUrl);
        registry.add("livechain.dhan.instruments-url", dhan::instrumentsUrl);
        registry.add("livechain.dhan.auth-url", dhan::authUrl);
        registry.add("livechain.credentials.db", () -> store.db().toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Renewal {
        @Bean
        @Primary
        Clock shiftableClock() {
            return CLOCK;
        }

        @Bean(destroyMethod = "close")
        DhanSimulator renewalSimulator() {
            return dhan;
        }
    }

    /** The wall clock (from a market-hours start) plus an offset the test moves forward. */
    static final class ShiftableClock extends Clock {
        private final Clock base;
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        ShiftableClock(Clock base) {
            this.base = base;
        }

        void shift(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.get());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenRenewalScheduler scheduler;

    @Autowired
    DhanRestClient rest;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) {
        try {
            return ChaosFixtures.get(http, port, path);
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    JsonNode health(String component) {
        return JSON.readTree(get("/actuator/health").body()).path("components").path(component);
    }

    double metric(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(get("/actuator/prometheus").body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    @Order(1)
    void theTokenIsRenewedBeforeItExpiresAndRestAndTheFeedGoOnWithTheNewOne(CapturedOutput output) throws Exception {
        String success = "livechain_credentials_renewals_total{outcome=\"success\"}";
        await().atMost(Duration.ofSeconds(90)).until(() -> "up".equals(health("feed").path("details").path("state").asString()));
        assertThat(metric(success)).isZero();
        assertThat(metric("livechain_credentials_token_renewable")).isEqualTo(1.0);
        JsonNode before = health("token").path("details");
        assertThat(before.path("renewal").asString()).isEqualTo("RenewToken");
        assertThat(before.path("expiresInSeconds").asLong()).isBetween(110L * 60, 130L * 60);
        assertThat(store.load()).map(DhanCredentials::accessToken).contains(FIRST);

        // Past exp - 2h: due. The schedule reads the clock at least every 30 s; checkNow saves the wait.
        CLOCK.shift(Duration.ofMinutes(15));
        scheduler.checkNow();
        await().atMost(Duration.ofSeconds(60)).until(() -> metric(success) == 1.0);

        String renewed = dhan.credentials().accessToken();
        assertThat(renewed).isNotEqualTo(FIRST);
        assertThat(store.load()).as("written back to the store").contains(new DhanCredentials(CLIENT_ID, renewed));
        TokenClaims claims = TokenClaims.parse(renewed).orElseThrow();
        assertThat(claims.consumerType()).isEqualTo("SELF");
        assertThat(Duration.between(CLOCK.instant(), claims.expiresAt())).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(dhan.auth().check(CLIENT_ID, FIRST)).as("the old token is revoked").isEqualTo(SimulatorAuth.Check.EXPIRED);
        assertThat(RestServletTest.post(dhan, "/optionchain/expirylist", "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}",
                new DhanCredentials(CLIENT_ID, FIRST)).status()).isEqualTo(401);

        // REST: the app's client sends the new token.
        long unauthorized = dhan.counters().restUnauthorized();
        assertThat(rest.expiryList(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I))).isNotEmpty();
        assertThat(dhan.counters().restUnauthorized()).isEqualTo(unauthorized);

        // The feed: a reconnect authenticates with the new token, and prices arrive on it.
        long authenticated = dhan.counters().connectionsAuthenticated();
        long authFailures = dhan.counters().authFailures();
        long droppedAt = CLOCK.millis();
        assertThat(dhan.faults().drop()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> dhan.counters().connectionsAuthenticated() > authenticated);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode chain = JSON.readTree(get("/options/live?underlying=NIFTY").body());
            List<ChaosFixtures.Shown> prices = ChaosFixtures.prices(chain);
            return prices.stream().anyMatch(p -> !p.stale() && p.updatedAtMillis() > droppedAt);
        });
        assertThat(dhan.counters().authFailures()).as("no connection tried the old token").isEqualTo(authFailures);

        JsonNode after = health("token");
        assertThat(after.path("status").asString()).isEqualTo("UP");
        assertThat(after.path("details").path("lastRenewal").path("outcome").asString()).isEqualTo("success");
        assertThat(after.path("details").path("expiresInSeconds").asLong()).isGreaterThan(23L * 3600);
        assertThat(metric("livechain_credentials_token_expiry_timestamp_seconds"))
                .isEqualTo((double) claims.expiresAt().getEpochSecond());

        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info",
                "/options/live?underlying=NIFTY")) {
            assertThat(get(path).body()).as(path).doesNotContain(FIRST).doesNotContain(renewed);
        }
        assertThat(output.getAll()).contains("Dhan access token replaced through RenewToken")
                .doesNotContain(FIRST).doesNotContain(renewed);
    }

    static final String PIN = "864209";
    static final String TOTP_SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";

    @Test
    @Order(2)
    void anAppTokenIsGeneratedFromTheStoredPinAndTotpWhichNeverShowAnywhere(CapturedOutput output) {
        dhan.auth().enableTotp(PIN, TOTP_SECRET);
        SimulatorAuth.Issued app = dhan.auth().generate(CLIENT_ID, PIN, Totp.ofBase32(TOTP_SECRET).code(CLOCK.instant()));
        store.save(app.credentials());
        store.saveTotp(new TotpSecrets(CLIENT_ID, PIN, TOTP_SECRET));
        scheduler.checkNow();
        await().atMost(Duration.ofSeconds(30)).until(() -> health("token").path("details").path("renewal").asString()
                .startsWith("generateAccessToken"));
        String success = "livechain_credentials_renewals_total{outcome=\"success\"}";
        double before = metric(success);

        CLOCK.shift(Duration.between(CLOCK.instant(), app.expiresAt().minus(Duration.ofHours(2))).plusMinutes(1));
        scheduler.checkNow();
        await().atMost(Duration.ofSeconds(60)).until(() -> metric(success) == before + 1);

        String generated = dhan.credentials().accessToken();
        assertThat(generated).isNotEqualTo(app.credentials().accessToken());
        assertThat(TokenClaims.parse(generated).orElseThrow().consumerType()).isEqualTo("APP");
        assertThat(store.load()).contains(new DhanCredentials(CLIENT_ID, generated));
        assertThat(store.loadTotp()).as("kept for the next one").isPresent();
        assertThat(dhan.auth().check(CLIENT_ID, app.credentials().accessToken())).isEqualTo(SimulatorAuth.Check.EXPIRED);
        assertThat(rest.expiryList(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I))).isNotEmpty();
        assertThat(health("token").path("details").path("lastRenewal").path("method").asString())
                .startsWith("generateAccessToken");

        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/info")) {
            String body = get(path).body();
            assertThat(body).as(path).doesNotContain(TOTP_SECRET).doesNotContain(generated);
        }
        assertThat(get("/actuator/health").body()).doesNotContain(PIN);
        assertThat(output.getAll()).contains("Dhan access token replaced through generateAccessToken")
                .doesNotContain(PIN).doesNotContain(TOTP_SECRET).doesNotContain(generated);
    }
}
