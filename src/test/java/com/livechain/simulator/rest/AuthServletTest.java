package com.livechain.simulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.MutableClock;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.Totp;
import com.livechain.market.MarketHours;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorProperties;

/** The simulator's token calls as protocol §6 describes them, over HTTP. */
class AuthServletTest {

    static final OkHttpClient HTTP = new OkHttpClient();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final String CLIENT_ID = "1100123456";
    static final Instant NOW = Instant.parse("2026-12-01T04:30:00Z");

    final MutableClock clock = new MutableClock(NOW);
    DhanSimulator dhan;

    @AfterEach
    void stop() {
        if (dhan != null) {
            dhan.close();
        }
    }

    DhanSimulator start(String token, SimulatorProperties.TokenField field) {
        dhan = DhanSimulator.start(SimulatorProperties.builder().seed(7L).realTime(false).clientId(CLIENT_ID)
                .accessToken(token).renewTokenField(field).listing(SimulatorProperties.Listing.NEAR).build(), clock);
        return dhan;
    }

    record Answer(int status, JsonNode json) {
    }

    Answer call(Request request) throws IOException {
        try (Response response = HTTP.newCall(request).execute()) {
            return new Answer(response.code(), MAPPER.readTree(response.body().string()));
        }
    }

    Answer renew(String token) throws IOException {
        return call(new Request.Builder().url(dhan.restUrl() + "/RenewToken")
                .header("access-token", token).header("dhanClientId", CLIENT_ID).get().build());
    }

    Answer profile(String token) throws IOException {
        return call(new Request.Builder().url(dhan.restUrl() + "/profile").header("access-token", token).get().build());
    }

    @Test
    void renewMintsADayLongWebJwtRevokesTheOldTokenAndAnswersTheTokenObject() throws IOException {
        String old = SimulatorAuth.jwt(CLIENT_ID, "SELF", NOW.minusSeconds(3600), NOW.plusSeconds(3600));
        start(old, SimulatorProperties.TokenField.ACCESS_TOKEN);

        Answer answer = renew(old);

        assertThat(answer.status()).isEqualTo(200);
        String fresh = answer.json().path("accessToken").asString();
        assertThat(answer.json().has("token")).isFalse();
        TokenClaims claims = TokenClaims.parse(fresh).orElseThrow();
        assertThat(claims).isEqualTo(new TokenClaims(NOW.plusSeconds(86400), NOW, "SELF", CLIENT_ID));
        assertThat(answer.json().path("expiryTime").asString())
                .isEqualTo(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").format(NOW.plusSeconds(86400).atZone(MarketHours.IST)));
        assertThat(answer.json().path("dhanClientId").asString()).isEqualTo(CLIENT_ID);

        assertThat(dhan.credentials()).isEqualTo(new DhanCredentials(CLIENT_ID, fresh));
        assertThat(dhan.auth().check(CLIENT_ID, old)).isEqualTo(SimulatorAuth.Check.EXPIRED);
        RestServletTest.Answer chain = RestServletTest.post(dhan, "/optionchain/expirylist",
                "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}", new DhanCredentials(CLIENT_ID, old));
        assertThat(chain.status()).isEqualTo(401);
        assertThat(chain.json().path("errorCode").asString()).isEqualTo("DH-901");
        assertThat(RestServletTest.post(dhan, "/optionchain/expirylist", "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}",
                dhan.credentials()).status()).isEqualTo(200);
        assertThat(renew(old).status()).as("a revoked token is not renewed twice").isEqualTo(401);
    }

    @Test
    void theFieldNameIsASetting() throws IOException {
        start(null, SimulatorProperties.TokenField.TOKEN);

        Answer answer = renew(dhan.credentials().accessToken());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("accessToken")).isFalse();
        assertThat(answer.json().path("token").asString()).isEqualTo(dhan.credentials().accessToken());
    }

    @Test
    void expiredAndAppTokensArePostIsRefused() throws IOException {
        String app = SimulatorAuth.jwt(CLIENT_ID, "APP", NOW.minusSeconds(3600), NOW.plusSeconds(3600));
        start(app, null);
        Answer refusedApp = renew(app);
        assertThat(refusedApp.status()).isEqualTo(400);
        assertThat(refusedApp.json().path("errorCode").asString()).isEqualTo("DH-905");
        assertThat(dhan.auth().check(CLIENT_ID, app)).as("refusal revokes nothing").isEqualTo(SimulatorAuth.Check.OK);

        Answer post = call(new Request.Builder().url(dhan.restUrl() + "/RenewToken").header("access-token", app)
                .header("dhanClientId", CLIENT_ID).post(RequestBody.create(new byte[0])).build());
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.json().path("errorCode").asString()).isEqualTo("DH-905");

        clock.advance(Duration.ofHours(1));
        assertThat(dhan.auth().check(CLIENT_ID, app)).as("past its exp").isEqualTo(SimulatorAuth.Check.EXPIRED);
        Answer expired = renew(app);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("errorCode").asString()).isEqualTo("DH-901");
    }

    @Test
    void aRenewalFaultAnswersAServerErrorAndKeepsTheToken() throws IOException {
        start(null, null);
        String token = dhan.credentials().accessToken();
        dhan.auth().failRenewals(1);

        Answer failed = renew(token);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("errorCode").asString()).isEqualTo("DH-908");
        assertThat(dhan.credentials().accessToken()).isEqualTo(token);
        assertThat(renew(token).status()).isEqualTo(200);
    }

    @Test
    void profileAnswersTheClientAndTheTokenValidityOrDh901() throws IOException {
        String token = SimulatorAuth.jwt(CLIENT_ID, "SELF", NOW.minusSeconds(3600), Instant.parse("2026-12-02T03:28:00Z"));
        start(token, null);

        Answer answer = profile(token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("dhanClientId").asString()).isEqualTo(CLIENT_ID);
        assertThat(answer.json().path("tokenValidity").asString()).isEqualTo("02/12/2026 08:58");
        assertThat(answer.json().path("dataPlan").asString()).isEqualTo("Active");
        Answer bad = profile("sim-not-issued");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().path("errorCode").asString()).isEqualTo("DH-901");
    }

    @Test
    void generateAccessTokenIssuesAnAppTokenForTheRightPinAndTotpOnly() throws IOException {
        start(null, null);
        String old = dhan.credentials().accessToken();
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        Answer notEnabled = generate("246813", Totp.ofBase32(secret).code(NOW));
        assertThat(notEnabled.status()).isEqualTo(400);

        dhan.auth().enableTotp("246813", secret);
        assertThat(generate("246813", "000000").status()).isEqualTo(400);
        assertThat(generate("135791", Totp.ofBase32(secret).code(NOW)).status()).isEqualTo(400);
        Answer answer = generate("246813", Totp.ofBase32(secret).code(NOW));

        assertThat(answer.status()).isEqualTo(200);
        String fresh = answer.json().path("accessToken").asString();
        assertThat(TokenClaims.parse(fresh).orElseThrow().consumerType()).isEqualTo("APP");
        assertThat(LocalDateTime.parse(answer.json().path("expiryTime").asString()).atZone(MarketHours.IST).toInstant())
                .isEqualTo(NOW.plusSeconds(86400));
        assertThat(dhan.auth().check(CLIENT_ID, old)).as("one token at a time").isEqualTo(SimulatorAuth.Check.EXPIRED);
        assertThat(dhan.credentials().accessToken()).isEqualTo(fresh);
    }

    Answer generate(String pin, String totp) throws IOException {
        return call(new Request.Builder().url(dhan.authUrl() + "/app/generateAccessToken?dhanClientId=" + CLIENT_ID
                + "&pin=" + pin + "&totp=" + totp).post(RequestBody.create(new byte[0])).build());
    }
}
