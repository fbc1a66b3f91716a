package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Every place a Dhan credential can sit in a text, and that ordinary text around it is left as it was. */
class RedactionTest {

    private static final String JWT = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2lnbmF0dXJl";
    private static final String CLIENT_ID = "1100123456";

    @Test
    void theFeedUrlsQueryStringKeepsItsShapeAndLosesItsCredentials() {
        String url = "wss://api-feed.dhan.co/?version=2&token=eyJhbGciOi.payload.sig&clientId=1000000001&authType=2";

        assertThat(Redaction.redact(url))
                .isEqualTo("wss://api-feed.dhan.co/?version=2&token=****&clientId=****&authType=2");
    }

    @Test
    void everySpellingOfACredentialParameterIsMasked() {
        String query = "access_token=a1&accessToken=a2&access-token=a3&client_id=c1&client-id=c2&dhanClientId=c3"
                + "&pin=1234&totp=123456&password=hunter2&secret=s3&TOKEN=a4";

        assertThat(Redaction.redact(query)).isEqualTo("access_token=****&accessToken=****&access-token=****"
                + "&client_id=****&client-id=****&dhanClientId=****&pin=****&totp=****&password=****&secret=****"
                + "&TOKEN=****");
    }

    @Test
    void jsonFieldsAreMaskedWhetherStringsOrNumbers() {
        String answer = "{\"errorCode\":\"DH-901\",\"dhanClientId\":1100123456,\"accessToken\" : \"abc\\\"def\","
                + "\"client-id\":\"c\",\"status\":\"failure\"}";

        assertThat(Redaction.redact(answer)).isEqualTo("{\"errorCode\":\"DH-901\",\"dhanClientId\":\"****\","
                + "\"accessToken\" : \"****\",\"client-id\":\"****\",\"status\":\"failure\"}");
    }

    @Test
    void headersAreMaskedUpToTheEndOfTheirValue() {
        String request = "Request{method=POST, url=https://api.dhan.co/v2/optionchain}\naccess-token: " + "abc.def"
                + "\nclient-id: 1100123456\nAuthorization: Bearer xyz\nAccept: application/json";

        assertThat(Redaction.redact(request)).isEqualTo("Request{method=POST, url=https://api.dhan.co/v2/optionchain}"
                + "\naccess-token: ****\nclient-id: ****\nAuthorization: ****\nAccept: application/json");
    }

    @Test
    void aJwtIsMaskedWhereverItStandsAndSoAreTheGivenSecrets() {
        String text = "bearer " + JWT + " for " + CLIENT_ID + " (" + CLIENT_ID + ")";

        assertThat(Redaction.redact(text, null, " " + CLIENT_ID + " ")).isEqualTo("bearer **** for **** (****)");
        assertThat(Redaction.redact(text)).as("an unknown client id in prose cannot be recognised")
                .isEqualTo("bearer **** for " + CLIENT_ID + " (" + CLIENT_ID + ")");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String text : new String[] {"token expired (807)", "token or client id rejected (HTTP 401)",
                "connection 2 of 3: stalled: open but no data for 20 s", "spin=3&authType=2&version=2",
                "{\"RequestCode\":21,\"InstrumentCount\":1}", "client id invalid (810)"}) {
            assertThat(Redaction.redact(text)).isEqualTo(text);
        }
        assertThat(Redaction.redact("abc", "ab")).as("secrets under 4 characters would mask prose").isEqualTo("abc");
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void aFailureIsOneRedactedLineWithItsCauses() {
        IOException failure = new IOException("handshake with eyJsecret failed",
                new IllegalStateException("url https://x/?token=abc", new RuntimeException("client-id: 42")));

        assertThat(Redaction.describe(failure, "eyJsecret")).isEqualTo("IOException: handshake with **** failed"
                + " <- IllegalStateException: url https://x/?token=**** <- RuntimeException: client-id: ****");
    }
}
