package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;

/**
 * Start-up that cannot fill the cache must exit non-zero and say why. These run the application in
 * its own JVM, as an operator would, and read its exit code and console.
 */
class StartupFailureTest {

    @TempDir
    Path store;

    @TempDir
    Path logs;

    private FakeDhan dhan;

    @BeforeEach
    void startDhan() throws IOException {
        dhan = new FakeDhan();
    }

    @AfterEach
    void stopDhan() {
        dhan.close();
    }

    /** Exit code and everything the JVM printed. */
    private record Run(int exitCode, String output) {
    }

    private Run start(Map<String, String> environment, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "-Xshare:off", LivechainApplication.class.getName(),
                "--server.port=0",
                "--livechain.dhan.rest-url=" + dhan.restUrl(),
                "--livechain.dhan.instruments-url=" + dhan.instrumentsUrl(),
                "--livechain.dhan.feed-url=" + dhan.feedUrl(),
                "--livechain.credentials.db=" + store.resolve("credentials.db")));
        command.addAll(List.of(args));
        // Output to a file, not a pipe read to its end: an app that never exits must fail the test, not hang it.
        Path console = Files.createTempFile(logs, "app-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().remove("DHAN_CLIENT_ID");
        builder.environment().remove("DHAN_ACCESS_TOKEN");
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

    /** A failed start-up takes a few seconds; the bound is only there so that one that never ends fails. */
    private static final Duration EXITS_WITHIN = Duration.ofSeconds(120);

    private static final Map<String, String> CREDENTIALS =
            Map.of("DHAN_CLIENT_ID", FakeDhan.CLIENT_ID, "DHAN_ACCESS_TOKEN", FakeDhan.TOKEN);

    @Test
    void aRefusedTokenExitsNonZeroNamingTheCallAndTheAnswerWithoutPrintingTheToken() throws Exception {
        dhan.refuseToken = true;

        Run run = start(CREDENTIALS, "--livechain.mode=live", "--livechain.underlyings=NIFTY");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("Start-up failed: the chain cache is empty.")
                .contains("NIFTY: POST /v2/optionchain/expirylist answered 401 DH-901")
                .contains("invalid or expired")
                .contains("DHAN_ACCESS_TOKEN")
                .doesNotContain(FakeDhan.TOKEN);
    }

    @Test
    void anEmptyUniverseExitsNonZeroNamingEachUnderlying() throws Exception {
        dhan.emptyUniverse = true;

        Run run = start(CREDENTIALS, "--livechain.mode=live", "--livechain.underlyings=NIFTY,FINNIFTY");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("Start-up failed: the chain cache is empty.")
                .contains("NIFTY: ")
                .contains("FINNIFTY: ")
                .contains("livechain.underlyings")
                .doesNotContain(FakeDhan.TOKEN);
    }

    @Test
    void liveModeWithoutCredentialsRefusesToStart() throws Exception {
        Run run = start(Map.of(), "--livechain.mode=live");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("livechain.mode is live, but no Dhan credentials were found")
                .contains("DHAN_CLIENT_ID");
    }

    @Test
    void aBadSettingStopsStartUpNamingTheSettingAndWhatIsAccepted() throws Exception {
        Run run = start(Map.of(), "--livechain.mode=paper");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("livechain.mode").contains("paper").containsIgnoringCase("simulated");
    }

    @Test
    void aMalformedCalendarSessionStopsStartUpNamingTheSettingAndTheExpectedFormat() throws Exception {
        Run run = start(Map.of("LIVECHAIN_CALENDAR_SESSIONS", "2026-11-08 18:00"), "--livechain.mode=simulated");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("livechain.calendar.sessions: '2026-11-08 18:00' is not YYYY-MM-DD HH:mm-HH:mm (IST)")
                .contains("e.g. 2026-11-08 18:00-19:15")
                .doesNotContain("\tat ");
    }

    @Test
    void aStoreEncryptedWithAnotherKeyStopsStartUpSayingWhatToDoWithoutATraceOrTheToken() throws Exception {
        new SqliteCredentialStore(store.resolve("credentials.db"), name -> null)
                .save(new DhanCredentials(FakeDhan.CLIENT_ID, FakeDhan.TOKEN));
        // A valid key, just not the one the token was encrypted with (the key file beside the store).
        String otherKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);

        Run run = start(Map.of("LIVECHAIN_CREDENTIALS_KEY", otherKey), "--livechain.mode=auto");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("cannot be decrypted with the configured key (LIVECHAIN_CREDENTIALS_KEY)")
                .contains("Set LIVECHAIN_CREDENTIALS_KEY to the key that was in use")
                .doesNotContain("\tat ")
                .doesNotContain("AEADBadTagException")
                .doesNotContain(FakeDhan.TOKEN)
                .doesNotContain(otherKey);
    }
}
