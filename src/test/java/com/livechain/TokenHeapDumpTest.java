package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;

/**
 * What a heap dump of the running app holds, taken with {@code jcmd GC.heap_dump} (live objects) from the app
 * in its own JVM, in live mode against the simulator, its credentials in the encrypted store, logging at
 * DEBUG/TRACE for livechain and OkHttp. The honest claims, each checked here:
 * <ul>
 *   <li>The current token is in the heap. It must be: it is sent on every REST call and in the feed's URL
 *       on every reconnect, and re-reading the store each time only shortens its life. A heap dump is
 *       therefore as secret as the token, and the app exposes none ({@code /actuator/heapdump} is not
 *       exposed; see {@code SecretsEndToEndTest}).</li>
 *   <li>A token renewed away is not kept: once the store holds the new one and the feed has reconnected with
 *       it, no live object holds the old one (no cache, log buffer, exception, metric tag or stale socket
 *       keeps it reachable).</li>
 *   <li>Neither token appears in any line the app printed, even at DEBUG/TRACE.</li>
 * </ul>
 */
class TokenHeapDumpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCurrentTokenIsInTheHeapARenewedAwayOneIsNotAndNoLogLineHasEither(@TempDir Path dir) throws Exception {
        try (DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(5L).ticksPerSecond(10)
                .listing(SimulatorProperties.Listing.NEAR)
                .optionChainInterval(Duration.ofMillis(20)).dataApiRequestsPerSecond(1_000).build())) {
            SqliteCredentialStore store = new SqliteCredentialStore(dir.resolve("credentials.db"), System::getenv);
            DhanCredentials first = dhan.credentials();
            store.save(first);
            int port = freePort();
            Path log = dir.resolve("app.log");
            Process app = start(dhan, store, port, log);
            try {
                awaitFeed(app, port, "up", Duration.ofSeconds(90));
                long authenticated = dhan.counters().connectionsAuthenticated();

                DhanCredentials renewed = dhan.faults().rotateToken();
                awaitFeed(app, port, "reconnecting|down", Duration.ofSeconds(30));
                store.save(renewed);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> dhan.counters().connectionsAuthenticated() > authenticated);
                awaitFeed(app, port, "up", Duration.ofSeconds(30));
                // Sockets closed on the way are cancelled after close-timeout (200 ms here): let that pass.
                Thread.sleep(1_000);

                Path dump = dir.resolve("app.hprof");
                // Output to a file, not a pipe read to its end: a jcmd that never returns must fail the test, not hang it.
                Path jcmdLog = dir.resolve("jcmd.txt");
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(app.pid()), "GC.heap_dump", dump.toString())
                        .redirectErrorStream(true).redirectOutput(jcmdLog.toFile()).start();
                boolean dumped = false;
                try {
                    dumped = jcmd.waitFor(120, TimeUnit.SECONDS);
                } finally {
                    if (!dumped) {
                        jcmd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
                String jcmdOutput = Files.readString(jcmdLog, StandardCharsets.UTF_8);
                assertThat(dumped).as("jcmd GC.heap_dump returned within 120 s; it printed: %s", jcmdOutput).isTrue();
                assertThat(jcmd.exitValue()).as(jcmdOutput).isZero();

                long heapBytes = Files.size(dump);
                int oldCopies = occurrences(dump, first.accessToken());
                int currentCopies = occurrences(dump, renewed.accessToken());
                Files.delete(dump);
                String report = String.format("Heap dump of the app (live objects, %,d bytes) after a token renewal: "
                                + "%d copies of the current token, %d of the renewed-away one%n",
                        heapBytes, currentCopies, oldCopies);
                System.out.print(report);
                Files.createDirectories(Path.of("target", "reliability"));
                Files.writeString(Path.of("target", "reliability", "heap.txt"), report);

                assertThat(oldCopies).as("live copies of the renewed-away token").isZero();
                assertThat(currentCopies).as("live copies of the token in use (expected: it is needed)").isPositive();
            } finally {
                app.destroy();
                if (!app.waitFor(15, TimeUnit.SECONDS)) {
                    app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("Feed connection 1 of 1 up").contains("token expired (807)")
                    .doesNotContain(first.accessToken()).doesNotContain(dhan.credentials().accessToken());
        }
    }

    private Process start(DhanSimulator dhan, SqliteCredentialStore store, int port, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "-Xshare:off", "-Xmx384m", LivechainApplication.class.getName(),
                "--server.port=" + port,
                "--livechain.mode=live",
                "--livechain.underlyings=NIFTY",
                "--livechain.dhan.rest-url=" + dhan.restUrl(),
                "--livechain.dhan.instruments-url=" + dhan.instrumentsUrl(),
                "--livechain.dhan.feed-url=" + dhan.feedUrl(),
                "--livechain.dhan.rest.option-chain-interval=50ms",
                "--livechain.credentials.db=" + store.db(),
                "--livechain.stale-after=1s",
                "--livechain.feed.reconnect-min=20ms",
                "--livechain.feed.reconnect-max=300ms",
                "--livechain.feed.auth-retry=300ms",
                "--livechain.feed.close-timeout=200ms",
                "--logging.level.com.livechain=TRACE",
                "--logging.level.okhttp3=DEBUG",
                "--logging.level.org.springframework.web=DEBUG"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DHAN_CLIENT_ID");
        builder.environment().remove("DHAN_ACCESS_TOKEN");
        return builder.start();
    }

    /** Waits until {@code /actuator/health} shows the feed in a state matching {@code states}. */
    private void awaitFeed(Process app, int port, String states, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .failFast("the app exited", () -> !app.isAlive()).until(() -> {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode feed = JSON.readTree(health.body()).path("components").path("feed").path("details");
            return feed.path("state").asString().matches(states);
        });
    }

    /** Copies of {@code token} in the file, as Latin-1/UTF-8 bytes (compact strings) or as UTF-16 chars. */
    static int occurrences(Path file, String token) throws IOException {
        byte[] latin1 = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16le = token.getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16be = token.getBytes(StandardCharsets.UTF_16BE);
        int found = 0;
        int overlap = utf16le.length;
        byte[] buffer = new byte[(1 << 20) + overlap];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int n = in.readNBytes(buffer, carried, buffer.length - carried);
                int length = carried + n;
                if (length < latin1.length) {
                    break;
                }
                // Matches that end in the carried-over tail were counted in the previous round.
                found += count(buffer, length, latin1, carried) + count(buffer, length, utf16le, carried)
                        + count(buffer, length, utf16be, carried);
                if (n == 0) {
                    break;
                }
                carried = Math.min(overlap, length);
                System.arraycopy(buffer, length - carried, buffer, 0, carried);
            }
        }
        return found;
    }

    /** Matches of {@code needle} in {@code haystack[0, length)} that end after {@code seenUpTo}. */
    private static int count(byte[] haystack, int length, byte[] needle, int seenUpTo) {
        int n = 0;
        outer:
        for (int i = Math.max(0, seenUpTo - needle.length + 1); i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
