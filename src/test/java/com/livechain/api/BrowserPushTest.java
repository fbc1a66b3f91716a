package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import com.livechain.chain.ChainCache;
import com.livechain.universe.ChainLoader;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.TickApplier;
import com.livechain.api.push.PushBroadcaster;
import com.livechain.api.push.PushProperties;
import com.livechain.api.push.PushFixtures;
import com.livechain.api.push.PushTestClient;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code /ws/options} end to end: the whole app on a random port, real WebSocket clients, a test
 * universe in the chain cache and ticks applied through the same {@link TickApplier} the feed uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livechain.mode=simulated", "livechain.push.send-time-limit=1s", "livechain.underlyings=NIFTY,BANKNIFTY"})
class BrowserPushTest {

    /** For a message or a state that must come: generous, it only ends a failing test. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FNO = ExchangeSegment.NSE_FNO.code();
    private static final int IDX = ExchangeSegment.IDX_I.code();

    /**
     * The test installs its own universe; without the start-up loader there is no ready event, so
     * the feed never connects and the only ticks are the test's.
     */
    @MockitoBean
    ChainLoader loader;

    @LocalServerPort
    int port;

    @Autowired
    ChainCache cache;

    @Autowired
    TickApplier ticks;

    @Autowired
    PushBroadcaster broadcaster;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PushProperties push;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void installUniverse() {
        PushFixtures.install(cache, MarketSource.SIMULATED);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 0);
    }

    private PushTestClient client() {
        PushTestClient client = PushTestClient.connect(port);
        open.add(client);
        return client;
    }

    @Test
    void subscriberGetsTheChainAsGetOptionsLiveShowsItThenOnlyTheLegsThatTicked() throws Exception {
        Leg ce24500 = PushFixtures.leg(cache, "NIFTY", PushFixtures.NEAR, 24500, OptionType.CE);
        ticks.previousClose(IDX, 13, 24400.1f, -1);
        ticks.ticker(IDX, 13, 24512.35f, 1L);

        PushTestClient client = client();
        client.send("{\"underlying\":\"nifty\"}");
        JsonNode snapshot = client.next("snapshot", WAIT);

        assertThat(snapshot.path("feed").path("up").asBoolean()).isFalse();
        JsonNode chain = snapshot.path("chain");
        assertThat(chain.path("source").asString()).isEqualTo("SIMULATED");
        assertThat(chain.path("expiry").asString()).as("nearest by default").isEqualTo(PushFixtures.NEAR.toString());
        assertThat(chain.path("expiries").size()).isEqualTo(2);
        assertThat(chain.path("underlying").path("ltp").asDouble()).isEqualTo(24512.35);
        assertThat(chain.path("underlying").path("change").asDouble()).isEqualTo(112.25);
        assertThat(chain.path("atmStrike").asLong()).isEqualTo(24500);
        assertThat(chain.path("lotSize").asInt()).isEqualTo(75);
        assertThat(chain.path("strikes").size()).isEqualTo(21);
        JsonNode atm = chain.path("strikes").get(10);
        assertThat(atm.path("strike").asLong()).isEqualTo(24500);
        assertThat(atm.path("ce").path("securityId").asLong()).isEqualTo(ce24500.securityId());
        assertThat(atm.path("ce").has("ltp")).as("a price never received is sent as null").isTrue();
        assertThat(atm.path("ce").path("ltp").isNull()).isTrue();
        assertThat(atm.path("ce").path("stale").asBoolean()).as("no price, feed down: stale").isTrue();

        ticks.previousClose(FNO, ce24500.securityId(), 98.2f, 5_311_800);
        ticks.full(FNO, ce24500.securityId(), 112.5f, 1L, 1_200_345, 5_432_100, 112.3f, 750, 112.6f, 300);
        ticks.ticker(IDX, 13, 24530.5f, 2L);

        // Deltas until both ticks show (one delta or two, however the push ticks fell), then nothing more.
        List<JsonNode> deltas = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        boolean legShown = false;
        boolean spotShown = false;
        while (!(legShown && spotShown)) {
            PushTestClient.Received r = client.next(WAIT);
            assertThat(r.type()).isEqualTo("delta");
            deltas.add(r.json());
            for (JsonNode strike : r.json().path("strikes")) {
                for (String side : List.of("ce", "pe")) {
                    if (strike.has(side)) {
                        changed.add(strike.path("strike").asLong() + " " + side);
                    }
                }
                legShown |= strike.path("ce").path("ltp").asDouble() == 112.5;
            }
            spotShown = r.json().path("underlying").path("ltp").asDouble() == 24530.5;
        }
        assertThat(changed).as("only the leg that ticked").containsExactly("24500 ce");
        JsonNode last = deltas.get(deltas.size() - 1);
        assertThat(last.path("source").asString()).isEqualTo("SIMULATED");
        assertThat(last.path("expiry").asString()).isEqualTo(PushFixtures.NEAR.toString());
        assertThat(last.path("underlying").path("ltp").asDouble()).isEqualTo(24530.5);
        assertThat(last.path("summary").path("totalCeOi").asLong()).isEqualTo(5_432_100);
        JsonNode leg = deltas.stream().flatMap(d -> d.path("strikes").valueStream())
                .filter(s -> s.has("ce")).reduce((a, b) -> b).orElseThrow().path("ce");
        assertThat(leg.path("ltp").asDouble()).isEqualTo(112.5);
        assertThat(leg.path("bid").asDouble()).isEqualTo(112.3);
        assertThat(leg.path("oi").asLong()).isEqualTo(5_432_100);
        assertThat(leg.path("oiChange").asLong()).isEqualTo(120_300);
        assertThat(leg.path("stale").asBoolean()).as("just ticked").isFalse();

        assertThat(client.drain(Duration.ofMillis(1500))).as("nothing moved, nothing sent").isEmpty();
    }

    @Test
    void anExplicitExpiryIsFollowedAndASecondSubscriptionSwitches() throws Exception {
        PushTestClient client = client();
        client.send("{\"underlying\":\"NIFTY\",\"expiry\":\"" + PushFixtures.FAR + "\"}");
        assertThat(client.next("snapshot", WAIT).path("chain").path("expiry").asString()).isEqualTo(PushFixtures.FAR.toString());

        client.send("{\"underlying\":\"BANKNIFTY\"}");
        JsonNode chain = client.next("snapshot", WAIT).path("chain");
        assertThat(chain.path("underlying").path("symbol").asString()).isEqualTo("BANKNIFTY");
        assertThat(chain.path("strikes").size()).isEqualTo(301);

        // A NIFTY tick, then two BANKNIFTY ticks each waited for: a session still following NIFTY would have
        // had the NIFTY delta sent at the latest with the first (one send in flight per session, in order).
        Leg nifty = PushFixtures.leg(cache, "NIFTY", PushFixtures.FAR, 24500, OptionType.PE);
        Leg bank = PushFixtures.leg(cache, "BANKNIFTY", PushFixtures.NEAR, 55000, OptionType.CE);
        ticks.ticker(FNO, nifty.securityId(), 80f, 1L);
        List<JsonNode> received = new ArrayList<>();
        for (float marker : new float[] {101f, 102f}) {
            ticks.ticker(FNO, bank.securityId(), marker, 1L);
            JsonNode delta;
            do {
                delta = client.next("delta", WAIT);
                received.add(delta);
            } while (!carries(delta, 55000, "ce", marker));
        }
        assertThat(received).as("no longer following NIFTY")
                .allSatisfy(d -> assertThat(d.path("underlying").path("symbol").asString()).isEqualTo("BANKNIFTY"));
    }

    /** Whether a delta carries this price for the leg. */
    private static boolean carries(JsonNode delta, long strike, String side, double ltp) {
        for (JsonNode row : delta.path("strikes")) {
            if (row.path("strike").asLong() == strike && row.path(side).path("ltp").asDouble() == ltp) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ticks every millisecond, pushes at most one a push interval: however slowly this machine runs, the server
     * cannot send more than one message per interval from the first tick to the last arrival, so that count is
     * the bound (a busy machine only makes it easier to meet), and the last message must carry the last price.
     */
    @Test
    void manyTicksAreCoalescedToAtMostOneMessageAPushInterval() throws Exception {
        Leg leg = PushFixtures.leg(cache, "NIFTY", PushFixtures.NEAR, 24500, OptionType.CE);
        PushTestClient client = client();
        client.send("{\"underlying\":\"NIFTY\"}");
        client.next("snapshot", WAIT);

        AtomicBoolean ticking = new AtomicBoolean(true);
        float[] lastPrice = new float[1];
        Thread feed = new Thread(() -> {
            float price = 100f;
            while (ticking.get()) {
                price += 0.05f;
                lastPrice[0] = price;
                ticks.ticker(FNO, leg.securityId(), price, 1L);
                ticks.ticker(IDX, 13, 24_500f + price, 1L);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long before = ticks.appliedCount();
        long started = System.nanoTime();
        feed.start();
        List<PushTestClient.Received> received = new ArrayList<>();
        try {
            // Deltas keep coming while the ticks do: wait for a dozen, one at a time.
            while (received.size() < 12) {
                received.add(client.next(WAIT));
            }
        } finally {
            ticking.set(false);
            feed.join();
        }
        long tickCount = ticks.appliedCount() - before;
        // The leg's last price must arrive; the spot's last tick may come in a delta of its own, after it.
        double last = ChainViews.price(lastPrice[0]);
        while (received.stream().noneMatch(r -> carries(r.json(), 24500, "ce", last))) {
            received.add(client.next(WAIT));
        }

        assertThat(received).allMatch(r -> r.type().equals("delta"));
        long elapsed = received.get(received.size() - 1).atNanos() - started;
        long interval = push.interval().toNanos();
        // One push tick may have been under way at the start (the idle chain's refresh): hence the + 2.
        assertThat((long) received.size()).as("messages in %d ms of ticks, at one per %d ms at most",
                        elapsed / 1_000_000, interval / 1_000_000)
                .isLessThanOrEqualTo(elapsed / interval + 2);
        assertThat(tickCount).as("ticks applied, against %d messages", received.size()).isGreaterThan(received.size());
    }

    @Test
    void badSubscriptionsAreAnsweredWithAnErrorAndTheConnectionStaysOpen() throws Exception {
        PushTestClient client = client();

        client.send("{\"underlying\": NIFTY}");
        assertThat(client.next("error", WAIT).path("detail").asString()).contains("not valid JSON").contains("line 1");

        client.send("[\"NIFTY\"]");
        assertThat(client.next("error", WAIT).path("detail").asString()).contains("JSON object");

        client.send("{\"underlying\":\"DOWJONES\"}");
        JsonNode unknown = client.next("error", WAIT);
        assertThat(unknown.path("detail").asString()).contains("DOWJONES").contains("Available: ").contains("NIFTY").contains("BANKNIFTY");
        assertThat(unknown.path("available").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("NIFTY", "BANKNIFTY");

        client.send("{\"underlying\":\"NIFTY\",\"expiry\":\"27-11-2026\"}");
        assertThat(client.next("error", WAIT).path("detail").asString()).contains("'expiry'").contains("YYYY-MM-DD");

        client.send("{\"underlying\":\"NIFTY\",\"expiry\":\"" + PushFixtures.NEAR.plusDays(1) + "\"}");
        JsonNode noSuchExpiry = client.next("error", WAIT);
        assertThat(noSuchExpiry.path("available").valueStream().map(JsonNode::asString))
                .containsExactly(PushFixtures.NEAR.toString(), PushFixtures.FAR.toString());

        client.send("{\"symbol\":\"NIFTY\"}");
        assertThat(client.next("error", WAIT).path("detail").asString()).contains("'symbol'");

        client.send("{}");
        assertThat(client.next("error", WAIT).path("detail").asString()).contains("'underlying' is required");

        assertThat(client.isOpen()).isTrue();
        client.send("{\"underlying\":\"NIFTY\"}");
        assertThat(client.next("snapshot", WAIT).path("chain").path("underlying").path("symbol").asString()).isEqualTo("NIFTY");
    }

    /**
     * A client that stops reading is closed once a send to it has blocked for the send time limit (1 s here)
     * and counted, and the one still reading stays open and keeps getting deltas. That the reading client is
     * not held up meanwhile is {@link StalledBrowserPushTest}'s, with a limit long enough to wait on events.
     */
    @Test
    void aClientThatStopsReadingIsClosedAndCounted() throws Exception {
        double slowClosedBefore = meters.get("livechain.push.slow.closed").counter().count();
        PushTestClient reader = client();
        reader.send("{\"underlying\":\"BANKNIFTY\"}");
        reader.next("snapshot", WAIT);
        try (StalledClient stalled = StalledClient.connect(port, "{\"underlying\":\"BANKNIFTY\"}")) {
            await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 2);

            // Every leg of the wide chain moves all the time: each delta is ~200 KB, so the stalled
            // client's socket buffers fill within seconds.
            AtomicBoolean ticking = new AtomicBoolean(true);
            List<Leg> legs = bankNiftyLegs();
            Thread feed = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (ticking.get()) {
                    for (Leg leg : legs) {
                        ticks.full(FNO, leg.securityId(), 100 + random.nextInt(10_000) / 100f, 1L,
                                random.nextInt(1_000_000), random.nextInt(1_000_000), 99f, 15, 101f, 30);
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            feed.start();
            List<PushTestClient.Received> received = new ArrayList<>();
            try {
                await("the stalled client closed").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> {
                            received.addAll(reader.drain(Duration.ZERO));
                            assertThat(broadcaster.sessionCount()).isEqualTo(1);
                        });
                await("the counter").atMost(WAIT).until(
                        () -> meters.get("livechain.push.slow.closed").counter().count() == slowClosedBefore + 1);
                // The reader goes on: a delta that left after the close.
                received.add(reader.next(WAIT));
            } finally {
                ticking.set(false);
                feed.join();
            }

            assertThat(received).isNotEmpty().allMatch(r -> r.type().equals("delta"));
            assertThat(reader.isOpen()).isTrue();
        }
    }

    private List<Leg> bankNiftyLegs() {
        List<Leg> legs = new ArrayList<>();
        for (StrikeRow row : cache.chain("BANKNIFTY", PushFixtures.NEAR).orElseThrow().strikes()) {
            legs.add(row.ce());
            legs.add(row.pe());
        }
        return legs;
    }

    @Test
    void closedSessionsAreRemovedAndCountedInTheGauge() throws Exception {
        PushTestClient first = client();
        PushTestClient second = client();
        first.send("{\"underlying\":\"NIFTY\"}");
        second.send("{\"underlying\":\"NIFTY\"}");
        first.next("snapshot", WAIT);
        second.next("snapshot", WAIT);
        assertThat(prometheus()).contains("livechain_browser_sessions 2.0");

        first.close();
        await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 1);
        assertThat(prometheus()).contains("livechain_browser_sessions 1.0");

        try (StalledClient dropped = StalledClient.connect(port, "{\"underlying\":\"NIFTY\"}")) {
            await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 2);
        } // closed without a close frame, as a browser tab that crashed
        await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 1);

        Leg leg = PushFixtures.leg(cache, "NIFTY", PushFixtures.NEAR, 24000, OptionType.PE);
        ticks.ticker(FNO, leg.securityId(), 500f, 1L);
        assertThat(second.next("delta", WAIT).path("strikes").get(0).path("pe").path("ltp").asDouble()).isEqualTo(500.0);
    }

    @Test
    void aPageFromAnotherOriginIsRefused() {
        var handshake = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "https://elsewhere.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/options"), new java.net.http.WebSocket.Listener() { });
        Throwable failure = handshake.handle((ok, e) -> e).join();
        while (failure != null && !(failure instanceof java.net.http.WebSocketHandshakeException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("a refused handshake").isNotNull();
        assertThat(((java.net.http.WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    void aDeflateOfferIsDeclinedByDefault() throws Exception {
        try (StalledClient client = StalledClient.connect(port, "{\"underlying\":\"NIFTY\"}",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 1);
        }
    }

    private String prometheus() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * A client that subscribes and then never reads: a raw socket with a tiny receive buffer that
     * does the WebSocket handshake by hand (RFC 6455 section 4.1) and sends one masked text frame.
     */
    static final class StalledClient implements AutoCloseable {
        private final Socket socket;

        private StalledClient(Socket socket) {
            this.socket = socket;
        }

        static StalledClient connect(int port, String subscription) throws IOException {
            return connect(port, subscription, "");
        }

        static StalledClient connect(int port, String subscription, String extraHeaders) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096); // before connect, so the window is small from the start
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws/options HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed during handshake: " + head);
                }
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            if (extraHeaders.contains("permessage-deflate")) {
                assertThat(head.toString().toLowerCase(java.util.Locale.ROOT))
                        .as("deflate is declined by default (livechain.push.compression)").doesNotContain("permessage-deflate");
            }
            byte[] payload = subscription.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            byte[] frame = new byte[2 + 4 + payload.length];
            frame[0] = (byte) 0x81; // FIN, text
            frame[1] = (byte) (0x80 | payload.length); // masked, length < 126
            System.arraycopy(mask, 0, frame, 2, 4);
            for (int i = 0; i < payload.length; i++) {
                frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
            }
            out.write(frame);
            out.flush();
            return new StalledClient(socket);
        }

        @Override
        public void close() throws IOException {
            try {
                socket.setSoLinger(true, 0); // RST, no close frame
            } catch (IOException alreadyClosedByTheServer) {
                // nothing to reset
            }
            socket.close();
        }
    }
}
