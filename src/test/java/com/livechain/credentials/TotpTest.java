package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
    static final String RFC_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /**
     * RFC 6238 appendix B, SHA-1 rows. The RFC prints 8 digits; a 6-digit code is the same truncated value mod
     * 10^6 (RFC 4226 §5.3), i.e. its last six digits.
     */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void matchesTheRfc6238TestVectors(long epochSeconds, String rfcCode) {
        Totp totp = Totp.ofKey("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        assertThat(totp.code(Instant.ofEpochSecond(epochSeconds))).isEqualTo(rfcCode.substring(2));
    }

    @Test
    void readsTheSecretAsAuthenticatorAppsShowIt() {
        Instant at = Instant.ofEpochSecond(1111111109);

        assertThat(Totp.ofBase32(RFC_KEY_BASE32).code(at)).isEqualTo("081804");
        assertThat(Totp.ofBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").code(at)).isEqualTo("081804");
        assertThat(Totp.normalize("gezd gnbv-gy3t")).isEqualTo("GEZDGNBVGY3T");
    }

    @Test
    void aSecretThatIsNotBase32IsRefusedWithoutBeingQuoted() {
        assertThatIllegalArgumentException().isThrownBy(() -> Totp.ofBase32("NOT-BASE32-0189!"))
                .withMessageContaining("not base32").withMessageNotContaining("0189");
        assertThatIllegalArgumentException().isThrownBy(() -> Totp.ofBase32("123456"))
                .withMessageNotContaining("123456");
        assertThatIllegalArgumentException().isThrownBy(() -> Totp.ofBase32("GEZDGNBV"))
                .withMessageContaining("too short");
    }
}
