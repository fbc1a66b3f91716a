package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorProperties;

/**
 * An expired token at start-up with nothing to replace it (no PIN and TOTP secret stored; RenewToken renews only
 * tokens still valid, protocol §6.3). The contract: start-up proves the credentials with an authenticated call, and a
 * 401 / DH-901 stops it with a non-zero exit naming the token as invalid or expired, without printing it. The app
 * runs in its own JVM, as an operator would start it, against a simulator in this one that refuses the expired
 * token as Dhan does; its console goes to a file and the wait for its exit is bounded.
 */
class ExpiredTokenStartupTest {

    private static final String CLIENT_ID = "1100444987";
    private static final Instant NOW = Instant.now();
    private static final String EXPIRED = SimulatorAuth.jwt(CLIENT_ID, "SELF", NOW.minus(Duration.ofHours(30)),
            NOW.minus(Duration.ofHours(6)));
    private static final DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(5L)
            .listing(SimulatorProperties.Listing.NEAR).clientId(CLIENT_ID).accessToken(EXPIRED).build(),
            Clock.systemUTC());
    /** A failed start-up takes seconds; the bound is only there so that one that never ends fails. */
    private static final Duration EXITS_WITHIN = Duration.ofSeconds(120);

    @TempDir
    Path store;

    @TempDir
    Path logs;

    @AfterAll
    static void stopDhan() {
        dhan.close();
    }

    private record Run(int exitCode, String output) {
    }

    private Run start(Map<String, String> environment, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "-Xshare:off", LivechainApplication.class.getName(),
                "--server.port=0",
                "--livechain.underlyings=NIFTY",
                "--livechain.dhan.rest-url=" + dhan.restUrl(),
                "--livechain.dhan.instruments-url=" + dhan.instrumentsUrl(),
                "--livechain.dhan.feed-url=" + dhan.feedUrl(),
                "--livechain.dhan.auth-url=" + dhan.authUrl(),
                "--livechain.credentials.db=" + store.resolve("credentials.db")));
        command.addAll(List.of(args));
        Path console = Files.createTempFile(logs, "app-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().remove("DHAN_CLIENT_ID");
        builder.environment().remove("DHAN_ACCESS_TOKEN");
        builder.environment().remove("LIVECHAIN_CREDENTIALS_KEY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = false;
        try {
            exited = process.waitFor(EXITS_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } finally {
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        String output = Files.readString(console, StandardCharsets.UTF_8);
        if (!exited) {
            fail("The app did not exit within " + EXITS_WITHIN.toSeconds() + " s and was killed. It printed:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    @Test
    void anExpiredStoredTokenStopsStartUpSayingItExpiredAndWhatToDoWithoutPrintingIt() throws Exception {
        new SqliteCredentialStore(store.resolve("credentials.db"), name -> null).save(new DhanCredentials(CLIENT_ID, EXPIRED));

        Run run = start(Map.of());

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("Market mode: live Dhan (Dhan credentials from the credential store")
                .contains("The Dhan access token in use expired at")
                .contains("Dhan renews only tokens that are still valid")
                .contains("Start-up failed: the chain cache is empty.")
                .contains("NIFTY: POST /v2/optionchain/expirylist answered 401 DH-901")
                .contains("invalid or expired")
                .contains("credentials set --client-id")
                .contains("--totp")
                .doesNotContain("SIMULATED MARKET")
                .doesNotContain(EXPIRED)
                .doesNotContain(EXPIRED.substring(EXPIRED.lastIndexOf('.') + 1));
    }

    @Test
    void anExpiredTokenFromTheEnvironmentStopsLiveModeTheSameWay() throws Exception {
        Run run = start(Map.of("DHAN_CLIENT_ID", CLIENT_ID, "DHAN_ACCESS_TOKEN", EXPIRED), "--livechain.mode=live");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("The Dhan access token in use expired at")
                .contains("Start-up failed: the chain cache is empty.")
                .contains("401 DH-901")
                .contains("DHAN_ACCESS_TOKEN")
                .doesNotContain(EXPIRED)
                .doesNotContain(EXPIRED.substring(EXPIRED.lastIndexOf('.') + 1));
    }
}
