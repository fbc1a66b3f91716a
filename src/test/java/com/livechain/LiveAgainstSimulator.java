package com.livechain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;

/**
 * The whole app in live mode against the Dhan simulator on loopback, with its credentials only in the encrypted
 * credential store (the environment is blanked) and feed timings shrunk so faults play out in milliseconds.
 * The reliability tests extend it and share one application context (same configuration, so Spring's test
 * context cache starts it once); the simulator is a bean of that context and stops with it.
 */
@SpringBootTest(classes = {LivechainApplication.class, LiveAgainstSimulator.MarketOpen.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.mode=live",
        "livechain.underlyings=NIFTY",
        "livechain.stale-after=1s",
        "livechain.feed.stall-after=600ms",
        "livechain.feed.stall-watch=always",
        "livechain.feed.reconnect-min=20ms",
        "livechain.feed.reconnect-max=300ms",
        "livechain.feed.auth-retry=250ms",
        // Longer than stall-after, so a stall is found by the data watchdog (and counted), not by OkHttp's ping.
        "livechain.feed.ping-interval=5s",
        "livechain.feed.close-timeout=200ms",
        "livechain.dhan.rest.option-chain-interval=50ms"})
abstract class LiveAgainstSimulator {

    static final long STALE_AFTER_MILLIS = 1_000;
    static final long AUTH_RETRY_MILLIS = 250;
    static final long RECONNECT_MAX_MILLIS = 300;

    static final Clock CLOCK = ChaosFixtures.marketHoursClock();
    // Weeklies and monthlies only: NIFTY then fits one feed connection, which the chaos test reasons about.
    static final DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(11L).ticksPerSecond(20)
            .listing(SimulatorProperties.Listing.NEAR)
            .optionChainInterval(Duration.ofMillis(20)).dataApiRequestsPerSecond(1_000).build(), CLOCK);
    static final DhanCredentials first = dhan.credentials();
    static final SqliteCredentialStore store;

    static {
        try {
            Path dir = Files.createTempDirectory("livechain-reliability-");
            // As `credentials set` writes it, key file beside it (unless LIVECHAIN_CREDENTIALS_KEY is set, as for the app).
            store = new SqliteCredentialStore(dir.resolve("credentials.db"), System::getenv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.save(first);
    }

    @DynamicPropertySource
    static void liveAgainstTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("livechain.dhan.client-id", () -> "");
        registry.add("livechain.dhan.access-token", () -> "");
        registry.add("livechain.dhan.rest-url", dhan::restUrl);
        registry.add("livechain.dhan.feed-url", dhan::feedUrl);
        registry.add("livechain.dhan.instruments-url", dhan::instrumentsUrl);
        registry.add("livechain.credentials.db", () -> store.db().toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MarketOpen {
        @Bean
        @Primary
        Clock marketHoursClock() {
            return CLOCK;
        }

        /** Ties the simulator's life to the context's, which the test context cache may keep past one class. */
        @Bean(destroyMethod = "close")
        DhanSimulator reliabilitySimulator() {
            return dhan;
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) {
        try {
            return ChaosFixtures.get(http, port, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** Every token the simulator has issued so far: the first one, and the current one after a renewal. */
    static java.util.List<String> tokens() {
        return java.util.List.of(first.accessToken(), dhan.credentials().accessToken());
    }
}
