package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.livechain.credentials.DhanCredentials;
import com.livechain.market.MarketHours;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

class DhanAuthClientTest {

    static final String CLIENT_ID = "1100123456";
    static final String OLD = jwt("{\"exp\":1796000000,\"tokenConsumerType\":\"SELF\",\"dhanClientId\":\"1100123456\"}");
    static final String NEW = jwt("{\"exp\":1796086400,\"tokenConsumerType\":\"SELF\",\"dhanClientId\":\"1100123456\"}");

    final MockWebServer server = new MockWebServer();
    DhanAuthClient client;

    static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @BeforeEach
    void start() throws IOException {
        server.start();
        client = new DhanAuthClient(server.url("/v2").uri(), server.url("/").uri(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    RecordedRequest taken() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MarketHours.IST).toInstant();
    }

    @Test
    void renewSendsAGetWithTheTokenAndDhanClientIdHeadersAndReadsAccessToken() throws Exception {
        server.enqueue(json(200, "{\"dhanClientId\":\"1100123456\",\"accessToken\":\"" + NEW
                + "\",\"expiryTime\":\"2026-12-02T21:10:05.123\"}"));

        IssuedToken issued = client.renew(new DhanCredentials(CLIENT_ID, OLD));

        assertThat(issued.accessToken()).isEqualTo(NEW);
        assertThat(issued.expiresAt()).isEqualTo(ist("2026-12-02T21:10:05.123"));
        assertThat(issued.clientId()).isEqualTo(CLIENT_ID);
        assertThat(issued.toString()).doesNotContain(NEW);
        RecordedRequest request = taken();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/RenewToken");
        assertThat(request.getHeaders().get("access-token")).isEqualTo(OLD);
        assertThat(request.getHeaders().get("dhanClientId")).isEqualTo(CLIENT_ID);
        assertThat(request.getHeaders().get("client-id")).as("RenewToken wants dhanClientId, not client-id").isNull();
    }

    @Test
    void renewReadsTheTokenFieldTooAndAnExpiryTimeWithoutMilliseconds() {
        server.enqueue(json(200, "{\"token\":\"" + NEW + "\",\"expiryTime\":\"2025-09-23T12:37:23\"}"));

        IssuedToken issued = client.renew(new DhanCredentials(CLIENT_ID, OLD));

        assertThat(issued.accessToken()).isEqualTo(NEW);
        assertThat(issued.expiresAt()).isEqualTo(ist("2025-09-23T12:37:23"));
    }

    @Test
    void withoutExpiryTimeTheExpiryIsTheJwtsExp() {
        server.enqueue(json(200, "{\"accessToken\":\"" + NEW + "\"}"));

        assertThat(client.renew(new DhanCredentials(CLIENT_ID, OLD)).expiresAt()).isEqualTo(Instant.ofEpochSecond(1796086400));
    }

    @Test
    void anAnswerWithoutATokenIsABadResponseThatNamesTheFieldsOnly() {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":\"" + NEW + "\"}"));

        assertThatExceptionOfType(MarketDataException.class).isThrownBy(() -> client.renew(new DhanCredentials(CLIENT_ID, OLD)))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
                .withMessageContaining("neither \"accessToken\" nor \"token\"").withMessageContaining("status,data")
                .withMessageNotContaining(NEW);
    }

    @Test
    void aRefusalSaysWhatDhanSaidWithAnyEchoedSecretMasked() {
        server.enqueue(json(401, "{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\","
                + "\"errorMessage\":\"Token " + OLD + " of 1100123456 is expired\"}"));

        assertThatExceptionOfType(MarketDataException.class).isThrownBy(() -> client.renew(new DhanCredentials(CLIENT_ID, OLD)))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .withMessageContaining("GET /v2/RenewToken answered 401 DH-901")
                .withMessageNotContaining(OLD).withMessageNotContaining(CLIENT_ID);
    }

    @Test
    void profileReadsTheClientAndTheTokenValidityAsIst() throws Exception {
        server.enqueue(json(200, "{\"dhanClientId\":\"1100123456\",\"tokenValidity\":\"03/10/2026 02:28\","
                + "\"activeSegment\":\"Equity, Derivative\",\"dataPlan\":\"Active\"}"));

        DhanProfile profile = client.profile(new DhanCredentials(CLIENT_ID, NEW));

        assertThat(profile).isEqualTo(new DhanProfile(CLIENT_ID, ist("2026-10-03T02:28")));
        RecordedRequest request = taken();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/profile");
        assertThat(request.getHeaders().get("access-token")).isEqualTo(NEW);
    }

    @Test
    void generatePostsThePinAndCodeAsQueryParametersAndKeepsThemOutOfErrors() throws Exception {
        server.enqueue(json(200, "{\"dhanClientId\":\"1100123456\",\"dhanClientName\":\"JOHN DOE\",\"accessToken\":\""
                + NEW + "\",\"expiryTime\":\"2026-01-01T00:00:00.000\"}"));

        IssuedToken issued = client.generate(CLIENT_ID, "246813", "902114");

        assertThat(issued.accessToken()).isEqualTo(NEW);
        assertThat(issued.expiresAt()).isEqualTo(ist("2026-01-01T00:00"));
        RecordedRequest request = taken();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/app/generateAccessToken");
        assertThat(request.getUrl().queryParameter("dhanClientId")).isEqualTo(CLIENT_ID);
        assertThat(request.getUrl().queryParameter("pin")).isEqualTo("246813");
        assertThat(request.getUrl().queryParameter("totp")).isEqualTo("902114");
        assertThat(request.getBody().size()).isZero();

        server.enqueue(json(400, "{\"status\":\"error\",\"message\":\"Invalid pin 246813 or totp 902114\"}"));
        assertThatExceptionOfType(MarketDataException.class).isThrownBy(() -> client.generate(CLIENT_ID, "246813", "902114"))
                .withMessageStartingWith("POST /app/generateAccessToken answered 400")
                .withMessageContaining("Invalid pin **** or totp ****")
                .withMessageNotContaining("246813").withMessageNotContaining("902114").withMessageNotContaining("?");
    }

    @Test
    void anUnreachableAuthHostIsUnavailableAndTheMessageHasNoUrl() {
        server.close();

        assertThatExceptionOfType(MarketDataException.class).isThrownBy(() -> client.generate(CLIENT_ID, "246813", "902114"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
                .withMessageNotContaining("246813").withMessageNotContaining("902114").withMessageNotContaining("pin=");
    }
}
