package com.livechain.credentials.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.livechain.MutableClock;
import com.livechain.credentials.CredentialProvider;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.EnvironmentCredentialSource;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.credentials.Totp;
import com.livechain.credentials.TotpSecrets;
import com.livechain.dhan.rest.DhanAuthClient;
import com.livechain.market.MarketHours;

/**
 * The renewer against Dhan on a MockWebServer, on a test clock: when it renews, what it does with the answer,
 * and that a failure never costs the token in use.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenRenewerTest {

    static final String CLIENT_ID = "1100123456";
    static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    static final Duration RENEW_BEFORE = Duration.ofHours(2);
    static final String PIN = "246813";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /** A web token with three hours left: due at T0 + 1h. */
    static final String OLD = jwt("SELF", T0.plus(Duration.ofHours(3)));
    static final String NEW = jwt("SELF", T0.plus(Duration.ofHours(25)));

    @TempDir
    Path dir;

    final MockWebServer dhan = new MockWebServer();
    final MutableClock clock = new MutableClock(T0);
    final Map<String, String> environment = new HashMap<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SqliteCredentialStore store;
    CredentialProvider provider;

    static String jwt(String consumerType, Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"iss\":\"dhan\",\"exp\":" + exp.getEpochSecond() + ",\"iat\":" + exp.minusSeconds(86400).getEpochSecond()
                + ",\"tokenConsumerType\":\"" + consumerType + "\",\"dhanClientId\":\"" + CLIENT_ID + "\"}";
        return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("sig-" + consumerType + exp).getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void start() throws IOException {
        dhan.start();
        store = new SqliteCredentialStore(dir.resolve("credentials.db"), environment::get);
        provider = new CredentialProvider(new EnvironmentCredentialSource(environment::get), store);
    }

    @AfterEach
    void stop() {
        dhan.close();
    }

    TokenRenewer renewer(Duration renewBefore) {
        DhanAuthClient client = new DhanAuthClient(dhan.url("/v2").uri(), dhan.url("/").uri(), Duration.ofSeconds(5));
        return new TokenRenewer(provider, client, clock, renewBefore, registry);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse issued(String field, String token) {
        return json(200, "{\"dhanClientId\":\"" + CLIENT_ID + "\",\"" + field + "\":\"" + token + "\"}");
    }

    static MockResponse profile() {
        return json(200, "{\"dhanClientId\":\"" + CLIENT_ID + "\",\"tokenValidity\":\"02/12/2026 22:00\",\"dataPlan\":\"Active\"}");
    }

    double count(RenewalOutcome outcome) {
        return registry.get("livechain.credentials.renewals").tag("outcome", outcome.tag()).counter().count();
    }

    String path(RecordedRequest request) {
        return request.getMethod() + " " + request.getUrl().encodedPath();
    }

    RecordedRequest taken() throws InterruptedException {
        return dhan.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void aWebTokenIsRenewedRenewBeforeAheadOfItsExpAndWrittenBackEncrypted() throws Exception {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(RENEW_BEFORE);

        renewer.runDue();
        clock.advance(Duration.ofHours(1).minusSeconds(1));
        renewer.runDue();

        assertThat(dhan.getRequestCount()).as("nothing sent before exp - renew-before").isZero();
        assertThat(renewer.status().nextAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(renewer.status().method()).isEqualTo(RenewalMethod.RENEW_TOKEN);

        clock.advance(Duration.ofSeconds(1));
        dhan.enqueue(issued("accessToken", NEW));
        dhan.enqueue(profile());
        Instant next = renewer.runDue();

        RecordedRequest renew = taken();
        assertThat(path(renew)).isEqualTo("GET /v2/RenewToken");
        assertThat(renew.getHeaders().get("access-token")).isEqualTo(OLD);
        RecordedRequest check = taken();
        assertThat(path(check)).isEqualTo("GET /v2/profile");
        assertThat(check.getHeaders().get("access-token")).as("the new token is what is checked").isEqualTo(NEW);
        assertThat(store.load()).contains(new DhanCredentials(CLIENT_ID, NEW));
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(NEW);
        assertThat(count(RenewalOutcome.SUCCESS)).isEqualTo(1);
        assertThat(renewer.status().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(25)));
        assertThat(renewer.status().nextAt()).isEqualTo(T0.plus(Duration.ofHours(23)));
        assertThat(renewer.status().last().outcome()).isEqualTo(RenewalOutcome.SUCCESS);
        assertThat(next).isAfter(clock.instant());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(NEW).doesNotContain(OLD);
            }
        }

        renewer.runDue();
        assertThat(dhan.getRequestCount()).as("the renewed token is not due").isEqualTo(2);
    }

    @Test
    void theTokenFieldIsReadWhenDhanNamesItSo() {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(1));
        dhan.enqueue(issued("token", NEW));
        dhan.enqueue(profile());

        renewer.runDue();

        assertThat(store.load()).map(DhanCredentials::accessToken).contains(NEW);
    }

    @Test
    void aFailedRenewalKeepsTheOldTokenAndRetriesWithADoublingBackoff(CapturedOutput output) throws Exception {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(1));
        // An answer that echoes the token it refused: the log must not.
        dhan.enqueue(json(500, "{\"errorType\":\"Internal_Server_Error\",\"errorCode\":\"DH-908\",\"errorMessage\":\"renewing "
                + OLD + " failed\"}"));

        renewer.runDue();

        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(OLD);
        assertThat(count(RenewalOutcome.FAILURE)).isEqualTo(1);
        assertThat(renewer.status().last().outcome()).isEqualTo(RenewalOutcome.FAILURE);
        assertThat(renewer.status().last().message()).contains("500 DH-908", "stays in use");
        assertThat(renewer.status().nextAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(59));
        renewer.runDue();
        assertThat(dhan.getRequestCount()).as("not before the backoff").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        dhan.enqueue(json(503, "{\"errorType\":\"Network_Error\",\"errorCode\":\"DH-909\",\"errorMessage\":\"down\"}"));
        renewer.runDue();
        assertThat(dhan.getRequestCount()).isEqualTo(2);
        assertThat(renewer.status().nextAt()).as("doubled").isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(OLD);

        clock.advance(Duration.ofMinutes(2));
        dhan.enqueue(issued("accessToken", NEW));
        dhan.enqueue(profile());
        renewer.runDue();

        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(NEW);
        assertThat(count(RenewalOutcome.FAILURE)).isEqualTo(2);
        assertThat(count(RenewalOutcome.SUCCESS)).isEqualTo(1);
        assertThat(output.getOut()).contains("did not succeed", "retrying in 1m 0s").doesNotContain(OLD).doesNotContain(NEW);
    }

    @Test
    void aTokenTheProfileRefusesIsDroppedAndTheOldOneKept() throws Exception {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(1));
        dhan.enqueue(issued("accessToken", NEW));
        dhan.enqueue(json(401, "{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\",\"errorMessage\":\"invalid\"}"));

        renewer.runDue();

        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(OLD);
        assertThat(count(RenewalOutcome.UNVERIFIED)).isEqualTo(1);
        taken();
        taken();
        clock.advance(Duration.ofMinutes(1));
        dhan.enqueue(json(401, "{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\",\"errorMessage\":\"invalid\"}"));
        renewer.runDue();
        assertThat(path(taken())).as("renewed again, not the refused token retried").isEqualTo("GET /v2/RenewToken");
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(OLD);
    }

    @Test
    void aTokenWhoseCheckCouldNotBeMadeIsCheckedAgainBeforeAnyNewRenewal() throws Exception {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(1));
        dhan.enqueue(issued("accessToken", NEW));
        dhan.enqueue(json(503, "<html>503 Service Unavailable</html>"));

        renewer.runDue();

        assertThat(count(RenewalOutcome.UNVERIFIED)).isEqualTo(1);
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(OLD);
        taken();
        taken();
        clock.advance(Duration.ofMinutes(1));
        dhan.enqueue(profile());
        renewer.runDue();

        RecordedRequest again = taken();
        assertThat(path(again)).isEqualTo("GET /v2/profile");
        assertThat(again.getHeaders().get("access-token")).isEqualTo(NEW);
        assertThat(dhan.getRequestCount()).as("RenewToken not called a second time: Dhan revoked the old token").isEqualTo(3);
        assertThat(store.load()).map(DhanCredentials::accessToken).contains(NEW);
    }

    @Test
    void anEnvironmentTokenIsRenewedInMemoryWithAWarnNamingTheVariableNotTheValue(CapturedOutput output) {
        environment.put("DHAN_CLIENT_ID", CLIENT_ID);
        environment.put("DHAN_ACCESS_TOKEN", OLD);
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(1));
        dhan.enqueue(issued("accessToken", NEW));
        dhan.enqueue(profile());

        renewer.runDue();

        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(NEW);
        assertThat(environment).containsEntry("DHAN_ACCESS_TOKEN", OLD);
        assertThat(store.load()).isEmpty();
        assertThat(output.getOut()).contains("WARN", "DHAN_ACCESS_TOKEN (livechain.dhan.access-token) still holds the old token")
                .doesNotContain(OLD).doesNotContain(NEW);
    }

    @Test
    void anAppTokenIsGeneratedAfreshFromTheStoredPinAndTotp() throws Exception {
        String app = jwt("APP", T0.plus(Duration.ofHours(3)));
        store.save(new DhanCredentials(CLIENT_ID, app));
        store.saveTotp(new TotpSecrets(CLIENT_ID, PIN, TOTP_SECRET));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        renewer.runDue();
        assertThat(renewer.status().method()).isEqualTo(RenewalMethod.GENERATE);
        clock.advance(Duration.ofHours(1));
        String generated = jwt("APP", T0.plus(Duration.ofHours(25)));
        dhan.enqueue(issued("accessToken", generated));
        dhan.enqueue(profile());

        renewer.runDue();

        RecordedRequest request = taken();
        assertThat(path(request)).isEqualTo("POST /app/generateAccessToken");
        assertThat(request.getUrl().queryParameter("dhanClientId")).isEqualTo(CLIENT_ID);
        assertThat(request.getUrl().queryParameter("pin")).isEqualTo(PIN);
        assertThat(request.getUrl().queryParameter("totp")).isEqualTo(Totp.ofBase32(TOTP_SECRET).code(clock.instant()));
        assertThat(store.load()).map(DhanCredentials::accessToken).contains(generated);
        assertThat(store.loadTotp()).as("kept for the next one").isPresent();
        assertThat(count(RenewalOutcome.SUCCESS)).isEqualTo(1);
    }

    @Test
    void aTokenThatCannotBeRenewedIsLeftAloneAndTheStatusSaysWhy() {
        store.save(new DhanCredentials(CLIENT_ID, jwt("APP", T0.plus(Duration.ofHours(3)))));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(2));

        renewer.runDue();

        assertThat(dhan.getRequestCount()).isZero();
        assertThat(renewer.status().automatic()).isFalse();
        assertThat(renewer.status().note()).contains("tokenConsumerType is APP", "credentials set --totp");
        assertThat(renewer.status().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(registry.get("livechain.credentials.token.renewable").gauge().value()).isZero();
    }

    @Test
    void renewBeforeZeroTurnsRenewalOff() {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(Duration.ZERO);
        clock.advance(Duration.ofMinutes(179));

        renewer.runDue();

        assertThat(dhan.getRequestCount()).isZero();
        assertThat(renewer.status().note()).contains("renewal is off");
    }

    @Test
    void anExpiredWebTokenIsNotSentToRenewToken() {
        store.save(new DhanCredentials(CLIENT_ID, OLD));
        TokenRenewer renewer = renewer(RENEW_BEFORE);
        clock.advance(Duration.ofHours(3));

        renewer.runDue();

        assertThat(dhan.getRequestCount()).isZero();
        assertThat(renewer.status().note()).contains("has expired");
        assertThat(TokenRenewer.ist(T0)).isEqualTo(T0.atZone(MarketHours.IST).toLocalDateTime() + " IST");
    }
}
