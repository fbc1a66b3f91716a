package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void credentialQueryParametersAreMasked() {
        String url = "wss://api-feed.dhan.co/?version=2&token=eyJhbGciOi.payload.sig&clientId=1000000001&authType=2";

        assertThat(Redaction.redact(url))
                .isEqualTo("wss://api-feed.dhan.co/?version=2&token=****&clientId=****&authType=2");
    }

    @Test
    void knownSecretsAreMaskedWhereverTheyAppear() {
        IOException failure = new IOException("handshake with eyJsecret failed",
                new IllegalStateException("url https://x/?token=abc"));

        assertThat(Redaction.describe(failure, "eyJsecret"))
                .isEqualTo("IOException: handshake with **** failed <- IllegalStateException: url https://x/?token=****");
    }
}
