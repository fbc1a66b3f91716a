package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentCredentialSourceTest {

    private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2VjcmV0LXNpZ25hdHVyZQ";

    private static EnvironmentCredentialSource source(Map<String, String> values) {
        return new EnvironmentCredentialSource(values::get);
    }

    @Test
    void readsTheLivechainProperties() {
        var source = source(Map.of("livechain.dhan.client-id", "1100123456", "livechain.dhan.access-token", TOKEN));

        assertThat(source.load()).contains(new DhanCredentials("1100123456", TOKEN));
    }

    @Test
    void fallsBackToThePlainDhanVariables() {
        var source = source(Map.of("DHAN_CLIENT_ID", "1100123456", "DHAN_ACCESS_TOKEN", TOKEN));

        assertThat(source.load()).contains(new DhanCredentials("1100123456", TOKEN));
    }

    @Test
    void blankPropertiesAsMappedByApplicationYmlCountAsUnsetAndFallBack() {
        var source = source(Map.of("livechain.dhan.client-id", "", "livechain.dhan.access-token", " ",
                "DHAN_CLIENT_ID", "1100123456", "DHAN_ACCESS_TOKEN", TOKEN + "\n"));

        assertThat(source.load()).contains(new DhanCredentials("1100123456", TOKEN));
    }

    @Test
    void neitherSetMeansNoCredentials() {
        assertThat(source(Map.of("livechain.dhan.client-id", "")).load()).isEmpty();
    }

    @Test
    void tokenWithoutClientIdIsAnErrorNamingTheClientIdAndNotPrintingTheToken() {
        var source = source(Map.of("DHAN_ACCESS_TOKEN", TOKEN));

        assertThatExceptionOfType(CredentialsException.class).isThrownBy(source::load)
                .withMessageContaining("DHAN_CLIENT_ID (livechain.dhan.client-id) is not")
                .withMessageNotContaining(TOKEN);
    }

    @Test
    void clientIdWithoutTokenIsAnErrorNamingTheToken() {
        var source = source(Map.of("livechain.dhan.client-id", "1100123456"));

        assertThatExceptionOfType(CredentialsException.class).isThrownBy(source::load)
                .withMessageContaining("DHAN_ACCESS_TOKEN (livechain.dhan.access-token) is not")
                .withMessageNotContaining("1100123456");
    }
}
