package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.livechain.MutableClock;
import com.livechain.credentials.CredentialProvider;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.EnvironmentCredentialSource;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.credentials.renewal.TokenRenewer;
import com.livechain.dhan.rest.DhanAuthClient;

class TokenHealthIndicatorTest {

    static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(T0);

    static String jwt(String consumerType, Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + exp.getEpochSecond() + ",\"tokenConsumerType\":\"" + consumerType
                + "\"}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    TokenHealthIndicator indicator(String token) {
        SqliteCredentialStore store = new SqliteCredentialStore(dir.resolve("credentials.db"), name -> null);
        store.save(new DhanCredentials("1100123456", token));
        CredentialProvider provider = new CredentialProvider(new EnvironmentCredentialSource(Map.<String, String>of()::get), store);
        // Nothing is due in these tests, so the client is never called (port 9 would refuse it).
        TokenRenewer renewer = new TokenRenewer(provider, new DhanAuthClient(java.net.URI.create("http://127.0.0.1:9/v2"),
                java.net.URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1)), clock, Duration.ofHours(2),
                new SimpleMeterRegistry());
        renewer.runDue();
        return new TokenHealthIndicator(renewer, clock);
    }

    @Test
    void aTokenNoOneWillRenewCarriesAWarningFromADayBeforeAndIsDownOnceExpired() {
        String token = jwt("APP", T0.plus(Duration.ofHours(30)));
        TokenHealthIndicator indicator = indicator(token);

        Health early = indicator.health();
        assertThat(early.getStatus()).isEqualTo(Status.UP);
        assertThat(early.getDetails()).containsEntry("expiresIn", "30h 0m").containsEntry("renewal", "none")
                .doesNotContainKey("warning");

        clock.advance(Duration.ofHours(7));
        Health dayBefore = indicator.health();
        assertThat(dayBefore.getStatus()).isEqualTo(Status.UP);
        assertThat((String) dayBefore.getDetails().get("warning"))
                .startsWith("The token expires in 23h 0m and will not be replaced automatically: its tokenConsumerType is APP")
                .contains("credentials set");

        clock.advance(Duration.ofHours(23));
        Health expired = indicator.health();
        assertThat(expired.getStatus()).isEqualTo(Status.DOWN);
        assertThat(expired.getDetails()).containsEntry("expiresInSeconds", 0L);
        assertThat(expired.toString()).doesNotContain(token).doesNotContain("1100123456");
    }

    @Test
    void aRenewableTokenSaysWhenItWillBeRenewedAndCarriesNoWarning() {
        TokenHealthIndicator indicator = indicator(jwt("SELF", T0.plus(Duration.ofHours(20))));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("renewal", "RenewToken").doesNotContainKey("warning")
                .containsEntry("nextRenewalAt", "2026-12-02T19:30+05:30");
    }
}
