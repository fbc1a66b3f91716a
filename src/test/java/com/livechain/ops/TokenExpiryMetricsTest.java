package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;

import com.livechain.chain.MarketSource;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;
import com.livechain.MutableClock;

class TokenExpiryMetricsTest {

    final MutableClock clock = new MutableClock(OpsFixtures.NOW);
    final AtomicReference<DhanCredentials> credentials = new AtomicReference<>();
    final AtomicInteger reads = new AtomicInteger();
    final TokenExpiryMetrics metrics = new TokenExpiryMetrics(new Access(), clock);

    static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void readsTheExpiryClaimOfDhansJwtAndNothingElse() {
        credentials.set(new DhanCredentials("1100123456",
                jwt("{\"iss\":\"dhan\",\"partnerId\":\"\",\"exp\":1764262800,\"tokenConsumerType\":\"SELF\",\"dhanClientId\":\"1100123456\"}")));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);

        String scrape = registry.scrape();

        assertThat(scrape).contains("livechain_credentials_token_expiry_timestamp_seconds 1.7642628E9\n")
                .doesNotContain("1100123456", "eyJ");
    }

    @Test
    void unknownWithoutCredentialsOrWithATokenThatIsNotAJwt() {
        assertThat(metrics.expiresAtEpochSeconds()).isNaN();
        assertThat(TokenExpiryMetrics.expiryOf("not-a-jwt")).isNaN();
        assertThat(TokenExpiryMetrics.expiryOf("a.b!.c")).isNaN();
        assertThat(TokenExpiryMetrics.expiryOf(jwt("{\"iss\":\"dhan\"}"))).isNaN();
    }

    @Test
    void aRenewedTokenShowsWithinThirtySecondsWithoutReadingTheStoreOnEveryScrape() {
        credentials.set(new DhanCredentials("1100123456", jwt("{\"exp\":1764262800}")));
        assertThat(metrics.expiresAtEpochSeconds()).isEqualTo(1764262800d);

        credentials.set(new DhanCredentials("1100123456", jwt("{\"exp\":1764349200}")));
        clock.advance(Duration.ofSeconds(10));
        assertThat(metrics.expiresAtEpochSeconds()).isEqualTo(1764262800d);
        clock.advance(Duration.ofSeconds(20));
        assertThat(metrics.expiresAtEpochSeconds()).isEqualTo(1764349200d);
        assertThat(reads).hasValue(2);
    }

    final class Access implements DhanAccess {
        @Override
        public MarketSource source() {
            return MarketSource.DHAN;
        }

        @Override
        public URI restUrl() {
            return URI.create("https://api.dhan.co/v2");
        }

        @Override
        public URI feedUrl() {
            return URI.create("wss://api-feed.dhan.co");
        }

        @Override
        public URI instrumentsUrl() {
            return URI.create("https://images.dhan.co/api-data/api-scrip-master-detailed.csv");
        }

        @Override
        public Optional<DhanCredentials> credentials() {
            reads.incrementAndGet();
            return Optional.ofNullable(credentials.get());
        }
    }
}
