package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DhanCredentialsTest {

    private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2VjcmV0LXNpZ25hdHVyZQ";

    @Test
    void toStringMasksTheTokenAndMostOfTheClientId() {
        DhanCredentials credentials = new DhanCredentials("1100123489", TOKEN);

        assertThat(credentials.toString())
                .isEqualTo("DhanCredentials[clientId=1100****89, accessToken=****]")
                .doesNotContain(TOKEN)
                .doesNotContain("1100123489");
    }

    @Test
    void loadedCredentialsToStringStaysMasked() {
        LoadedCredentials loaded = new LoadedCredentials(new DhanCredentials("1100123489", TOKEN), CredentialOrigin.STORE);

        assertThat(loaded.toString()).doesNotContain(TOKEN).contains("1100****89").contains("STORE");
    }

    @Test
    void shortClientIdsRevealLess() {
        assertThat(new DhanCredentials("12345", TOKEN).maskedClientId()).isEqualTo("1****5");
        assertThat(new DhanCredentials("123", TOKEN).maskedClientId()).isEqualTo("****");
    }

    @Test
    void blankValuesAreRejectedWithoutEchoingTheOther() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DhanCredentials(" ", TOKEN))
                .withMessage("Dhan client id is blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new DhanCredentials("1100123489", ""))
                .withMessage("Dhan access token is blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new DhanCredentials(null, null));
    }
}
