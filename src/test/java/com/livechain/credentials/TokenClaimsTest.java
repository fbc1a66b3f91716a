package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    /** A token shaped as Dhan's (§6.5); built here, since no token-shaped literal belongs in the repository. */
    static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk";
    }

    @Test
    void readsTheClaimsOfDhansWebTokenFromThePayloadOnly() {
        String token = jwt("{\"iss\":\"dhan\",\"partnerId\":\"\",\"exp\":1766035810,\"iat\":1765949410,"
                + "\"tokenConsumerType\":\"SELF\",\"webhookUrl\":\"\",\"dhanClientId\":\"1107954503\"}");

        TokenClaims claims = TokenClaims.parse(token).orElseThrow();

        assertThat(claims).isEqualTo(new TokenClaims(Instant.ofEpochSecond(1766035810), Instant.ofEpochSecond(1765949410),
                "SELF", "1107954503"));
        assertThat(claims.renewable()).isTrue();
        assertThat(claims.expiredAt(Instant.ofEpochSecond(1766035809))).isFalse();
        assertThat(claims.expiredAt(Instant.ofEpochSecond(1766035810))).isTrue();
    }

    @Test
    void anAppTokenOrOneWithoutTheClaimIsNotRenewable() {
        assertThat(TokenClaims.parse(jwt("{\"exp\":1766035810,\"tokenConsumerType\":\"APP\"}")).orElseThrow().renewable())
                .isFalse();
        TokenClaims old = TokenClaims.parse(jwt("{\"iss\":\"dhan\",\"exp\":1766035810}")).orElseThrow();
        assertThat(old.renewable()).isFalse();
        assertThat(old.issuedAt()).isNull();
        assertThat(old.consumerType()).isNull();
    }

    @Test
    void unknownClaimsAreOptionalAndATokenWithoutExpHasNoExpiry() {
        TokenClaims claims = TokenClaims.parse(jwt("{\"userRegion\":\"IN\",\"tokenConsumerType\":\"SELF\"}")).orElseThrow();

        assertThat(claims.expiresAt()).isNull();
        assertThat(claims.expiredAt(Instant.now())).isFalse();
    }

    @Test
    void whatIsNotAJwtHasNoClaims() {
        assertThat(TokenClaims.parse("sim-abcdefghij")).isEmpty();
        assertThat(TokenClaims.parse("a.b!.c")).isEmpty();
        assertThat(TokenClaims.parse("a." + Base64.getUrlEncoder().encodeToString("[1,2]".getBytes()) + ".c")).isEmpty();
        assertThat(TokenClaims.parse(null)).isEmpty();
    }
}
