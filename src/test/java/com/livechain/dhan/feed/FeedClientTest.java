package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;
import static com.livechain.dhan.feed.ProtocolPackets.disconnect;
import static com.livechain.dhan.feed.ProtocolPackets.frame;
import static com.livechain.dhan.feed.ProtocolPackets.full;
import static com.livechain.dhan.feed.ProtocolPackets.ticker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.MutableClock;
import com.livechain.market.Freshness;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.MarketSource;
import com.livechain.chain.TickApplier;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;

/** The feed client end to end against a WebSocket server on loopback. */
class FeedClientTest {

    private static final String OLD_TOKEN = "eyJold.token.payload";
    private static final String NEW_TOKEN = "eyJnew.token.payload";
    private static final String CLIENT_ID = "1000000001";
    private static final int OPTIONS = 250;
    private static final long LTT = 1_795_665_662L;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every wait is for an event (a connection, a state change); this only bounds a build that hangs. */
    private static final Duration EVENT = Duration.ofSeconds(30);

    private FakeDhanFeed dhan;
    private TestAccess access;
    private InstrumentIndex index;
    private Leg nifty;
    private Leg ce;
    private Leg pe;
    private FeedMetrics metrics;
    private SimpleMeterRegistry registry;
    private Freshness freshness;
    private FeedClient client;
    /** The client's monotonic time: frames, stalls and the shutdown deadline move only when a test says so. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void setUp() throws Exception {
        dhan = new FakeDhanFeed();
        access = new TestAccess(dhan.feedUrl(), new DhanCredentials(CLIENT_ID, OLD_TOKEN));
        InstrumentIndex.Builder builder = InstrumentIndex.builder();
        nifty = builder.underlying(13, IDX_I);
        List<Leg> options = new ArrayList<>();
        for (int i = 0; i < OPTIONS; i++) {
            options.add(builder.option(40_000 + i, NSE_FNO));
        }
        ce = options.get(120);
        pe = options.get(121);
        index = builder.build();
        metrics = new FeedMetrics();
        registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        freshness = new Freshness(Clock.systemUTC(), Duration.ofSeconds(30));

        logs = new ListAppender<>();
        logs.start();
        feedLogger().addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        dhan.close();
        feedLogger().detachAppender(logs);
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(OLD_TOKEN).doesNotContain(NEW_TOKEN);
        }
    }

    @Test
    void connectsWithVersion2TheTokenTheClientIdAndAuthType2() {
        start(properties());

        await().atMost(EVENT).until(() -> dhan.connectionCount() == 1);
        FakeDhanFeed.Connection connection = dhan.connection(0);
        assertThat(connection.url.queryParameter("version")).isEqualTo("2");
        assertThat(connection.url.queryParameter("token")).isEqualTo(OLD_TOKEN);
        assertThat(connection.url.queryParameter("clientId")).isEqualTo(CLIENT_ID);
        assertThat(connection.url.queryParameter("authType")).isEqualTo("2");
        assertThat(connection.url.querySize()).isEqualTo(4);
        assertThat(freshness.feed()).isSameAs(client);
    }

    @Test
    void subscribesOptionsInFullModeAndUnderlyingsInTickerModeInBatchesOfAtMost100() {
        start(properties());

        await().atMost(EVENT).until(() -> client.isUp());
        FakeDhanFeed.Connection connection = dhan.connection(0);
        awaitAllSubscribed(connection);
        Map<String, Integer> modeByInstrument = subscribed(connection.texts);
        assertThat(connection.texts).hasSize(4); // 1 ticker + 100 + 100 + 50 full
        assertThat(modeByInstrument).hasSize(OPTIONS + 1);
        assertThat(modeByInstrument).containsEntry("IDX_I:13", 15);
        for (int i = 0; i < OPTIONS; i++) {
            assertThat(modeByInstrument).containsEntry("NSE_FNO:" + (40_000 + i), 21);
        }
        assertThat(client.reason()).isEqualTo("up");
        assertThat(client.subscribedInstruments()).isEqualTo(OPTIONS + 1);
        assertThat(registry.get("livechain.feed.up").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("livechain.feed.subscriptions").gauge().value()).isEqualTo(OPTIONS + 1.0);
    }

    @Test
    void ticksForTheUnderlyingACeAndAPeChangeExactlyThoseSlots() {
        start(properties());
        await().atMost(EVENT).until(() -> client.isUp());
        Map<Leg, LegSnapshot> before = snapshot();

        dhan.connection(0).send(frame(
                ticker(IDX_I, 13, 24512.25f, LTT),
                full(NSE_FNO, ce.securityId(), 112.5f, LTT, 1_200_345, 5_432_100, 112.25f, 750, 112.75f, 300),
                full(NSE_FNO, pe.securityId(), 98.5f, LTT, 800_000, 4_000_000, 98.25f, 150, 98.75f, 225)));

        await().atMost(EVENT).until(() -> metrics.ticksApplied() == 3);
        assertThat(changedSince(before)).containsExactlyInAnyOrder(nifty, ce, pe);
        assertThat(nifty.read().ltp()).isEqualTo(24512.25);
        LegSnapshot c = ce.read();
        assertThat(c.ltp()).isEqualTo(112.5);
        assertThat(c.bid()).isEqualTo(112.25);
        assertThat(c.askQty()).isEqualTo(300);
        assertThat(c.oi()).isEqualTo(5_432_100);
        LegSnapshot p = pe.read();
        assertThat(p.ltp()).isEqualTo(98.5);
        assertThat(p.ask()).isEqualTo(98.75);
        assertThat(p.volume()).isEqualTo(800_000);
        assertThat(registry.get("livechain.feed.last.frame.age").gauge().value()).isBetween(0.0, 5.0);
    }

    @Test
    void aDroppedConnectionIsReconnectedAndEverythingResubscribed() {
        start(properties());
        await().atMost(EVENT).until(() -> client.isUp());
        long upSince = client.upSinceMillis();

        dhan.connection(0).drop();

        await().atMost(EVENT).until(() -> dhan.connectionCount() == 2 && client.isUp());
        FakeDhanFeed.Connection second = dhan.connection(1);
        awaitAllSubscribed(second);
        assertThat(subscribed(second.texts)).isEqualTo(subscribed(dhan.connection(0).texts));
        assertThat(metrics.reconnects()).isEqualTo(1);
        assertThat(client.upSinceMillis()).isGreaterThanOrEqualTo(upSince);
        assertThat(registry.get("livechain.feed.reconnects").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void anAbruptlyCutConnectionIsReconnectedWhenTheServerComesBack() throws Exception {
        start(properties());
        await().atMost(EVENT).until(() -> client.isUp());

        dhan.close(); // closes every socket without a close frame
        await().atMost(EVENT).until(() -> !client.isUp());
        assertThat(client.reason()).startsWith("connection lost");
        // The endpoint comes back elsewhere; DhanAccess is asked again on every attempt.
        dhan = new FakeDhanFeed();
        access.feedUrl = dhan.feedUrl();

        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 1 && client.isUp());
        awaitAllSubscribed(dhan.last());
    }

    @Test
    void aSilentButOpenSocketIsReplacedByTheStallWatchdog() throws Exception {
        start(properties(Duration.ofMillis(400)));
        await().atMost(EVENT).until(() -> client.isUp());

        advance(Duration.ofMillis(400));
        assertThat(metrics.stalls()).as("silent for exactly stall-after is not yet a stall").isZero();
        assertThat(client.isUp()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(metrics.stalls()).isEqualTo(1);
        assertThat(client.reason()).isEqualTo("stalled: open but no data for 400 ms");

        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 2 && client.isUp());
        assertThat(dhan.connection(0).awaitClosed(EVENT.toMillis())).as("the stalled socket is closed").isTrue();
        awaitAllSubscribed(dhan.connection(1));
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("stalled"))
                .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("stalled: open but no data for 400 ms");
    }

    @Test
    void outsideMarketHoursTheMarketHoursWatchLeavesASilentSocketAlone() throws Exception {
        Clock saturdayMorningIst = Clock.fixed(Instant.parse("2026-11-28T05:00:00Z"), ZoneOffset.UTC);
        start(properties(Duration.ofMillis(300), FeedProperties.StallWatch.MARKET_HOURS), saturdayMorningIst);
        await().atMost(EVENT).until(() -> client.isUp());

        advance(Duration.ofSeconds(10));

        assertThat(client.isUp()).isTrue();
        assertThat(dhan.connectionCount()).isEqualTo(1);
        assertThat(metrics.stalls()).isZero();
    }

    @Test
    void onAnExchangeHolidayTheMarketHoursWatchLeavesASilentSocketAloneUntilTheNextSessionOpens() throws Exception {
        MutableClock christmasMorningIst = new MutableClock(Instant.parse("2026-12-25T05:00:00Z")); // Friday 10:30 IST
        start(properties(Duration.ofMillis(300), FeedProperties.StallWatch.MARKET_HOURS), christmasMorningIst);
        await().atMost(EVENT).until(() -> client.isUp());

        advance(Duration.ofMillis(1_200)); // four stall windows of silence, on Christmas: not a stall

        assertThat(dhan.connectionCount()).isEqualTo(1);
        assertThat(metrics.stalls()).isZero();

        // Monday 10:30 IST, a trading day: the same silence is now a stall.
        christmasMorningIst.advance(Duration.ofDays(3));
        advance(Duration.ofMillis(301));
        assertThat(metrics.stalls()).isEqualTo(1);
        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 2);
    }

    @Test
    void duringMarketHoursTheMarketHoursWatchReplacesASilentSocket() throws Exception {
        Clock thursdayMorningIst = Clock.fixed(Instant.parse("2026-11-26T05:00:00Z"), ZoneOffset.UTC);
        start(properties(Duration.ofMillis(300), FeedProperties.StallWatch.MARKET_HOURS), thursdayMorningIst);
        await().atMost(EVENT).until(() -> client.isUp());

        advance(Duration.ofMillis(301));

        assertThat(metrics.stalls()).isEqualTo(1);
        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 2);
    }

    @Test
    void aSocketThatKeepsTickingIsNotReplaced() throws Exception {
        start(properties(Duration.ofMillis(400)));
        await().atMost(EVENT).until(() -> client.isUp());

        // 15 frames 300 ms apart: 4.5 s in all, but never 400 ms without one.
        for (int i = 0; i < 15; i++) {
            float price = 100 + i;
            dhan.connection(0).send(ticker(NSE_FNO, ce.securityId(), price, LTT));
            await().atMost(EVENT).until(() -> ce.read().ltp() == price);
            advance(Duration.ofMillis(300));
            assertThat(client.isUp()).as("after frame %d", i).isTrue();
        }

        assertThat(metrics.stalls()).isZero();
        assertThat(dhan.connectionCount()).isEqualTo(1);
    }

    @Test
    void tokenExpiredStopsTheReconnectStormAndARenewedTokenIsUsedOnTheNextAttempt() throws Exception {
        // Dhan accepts the handshake, then says 807 once the subscription arrives.
        dhan.onText = (connection, text) -> {
            if (text.startsWith("{\"RequestCode\":21")) {
                // Rejects the old token; with the new one, sends the last price, as Dhan does on subscribe.
                connection.send(OLD_TOKEN.equals(connection.token())
                        ? disconnect(807) : ticker(NSE_FNO, ce.securityId(), 101.5f, LTT));
            }
        };
        start(withAuthRetry(AUTH_RETRY));

        await().atMost(EVENT).until(() -> client.reason().equals("token expired (807)"));
        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 3);

        // Each rejected attempt waits auth-retry (3 s) for the next, where reconnect-min (20 ms) would not.
        assertThat(gapsMillis(dhan.connections().subList(0, 3))).allMatch(gap -> gap >= AUTH_RETRY.toMillis());
        assertThat(client.isUp()).isFalse();
        assertThat(client.reason()).isEqualTo("token expired (807)");
        assertThat(registry.get("livechain.feed.disconnects").tag("code", "807").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("token expired (807)")).hasSize(1);

        access.credentials.set(new DhanCredentials(CLIENT_ID, NEW_TOKEN));

        await().atMost(EVENT).until(() -> client.isUp());
        assertThat(dhan.last().token()).isEqualTo(NEW_TOKEN);
        assertThat(ce.read().ltp()).isEqualTo(101.5);
        assertThat(client.reason()).isEqualTo("up");
    }

    @Test
    void tooManyConnectionsBacksOffLongerThanTheReconnectCap() {
        dhan.onText = (connection, text) -> {
            if (text.startsWith("{\"RequestCode\":21") && dhan.connectionCount() == 1) {
                connection.send(disconnect(805));
            }
        };
        start(properties());

        await().atMost(EVENT).until(() -> client.reason().equals("too many connections (805)"));
        await().atMost(EVENT).until(() -> dhan.connectionCount() == 2);
        long gapMillis = (dhan.connection(1).acceptedAtNanos - dhan.connection(0).acceptedAtNanos) / 1_000_000;
        assertThat(gapMillis).isGreaterThanOrEqualTo(200);   // reconnect-max; a plain drop waits at most 20 ms
        await().atMost(EVENT).until(() -> client.isUp());
    }

    @Test
    void dataApisNotSubscribedIsRetriedSlowlyWithThatReason() throws Exception {
        dhan.onText = (connection, text) -> {
            if (text.startsWith("{\"RequestCode\":21")) {
                connection.send(disconnect(806));
            }
        };
        start(withAuthRetry(AUTH_RETRY));

        await().atMost(EVENT).until(() -> client.reason().equals("data APIs not subscribed (806)"));
        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 3);

        assertThat(gapsMillis(dhan.connections().subList(0, 3))).allMatch(gap -> gap >= AUTH_RETRY.toMillis());
        assertThat(client.reason()).isEqualTo("data APIs not subscribed (806)");
        assertThat(client.isUp()).isFalse();
    }

    @Test
    void aRejectedHandshakeIsRetriedSlowlyAndNamesTheStatusNotTheToken() throws Exception {
        dhan.handshake = url -> new MockResponse.Builder().code(401).body("{\"errorCode\":\"DH-901\"}").build();
        start(properties());

        await().atMost(EVENT).until(() -> client.reason().contains("HTTP 401"));
        await().atMost(EVENT).until(() -> dhan.connectionCount() >= 3);

        // auth-retry is 1 s here: each refused handshake waits that long for the next.
        assertThat(gapsMillis(dhan.connections().subList(0, 3))).allMatch(gap -> gap >= 1_000);
        assertThat(client.reason()).isEqualTo("token or client id rejected (HTTP 401)");
        assertThat(client.isUp()).isFalse();
    }

    @Test
    void aConnectionFailureReasonNeverCarriesTheToken() {
        access.feedUrl = URI.create("ws://127.0.0.1:1");
        start(properties());

        await().atMost(EVENT).until(() -> client.reason().startsWith("connection lost"));
        assertThat(client.reason()).doesNotContain(OLD_TOKEN).doesNotContain(CLIENT_ID);
    }

    @Test
    void missingCredentialsKeepTheFeedDownWithAReason() {
        access.credentials.set(null);
        start(properties());

        await().atMost(EVENT).until(() -> client.reason().equals("no Dhan credentials"));
        assertThat(dhan.connectionCount()).isZero();

        access.credentials.set(new DhanCredentials(CLIENT_ID, NEW_TOKEN));
        // No data arrives: up once Dhan has not rejected the new connection within the probation.
        await().atMost(EVENT).until(() -> client.isUp());
        assertThat(dhan.last().token()).isEqualTo(NEW_TOKEN);
    }

    @Test
    void aUniverseLargerThanOneConnectionIsSpreadOverSeveral() {
        FeedProperties p = properties();
        start(new FeedProperties(p.stallAfter(), p.stallWatch(), p.reconnectMin(), p.reconnectMax(), p.authRetry(),
                p.pingInterval(), p.closeTimeout(), 100, 120, 5));

        await().atMost(EVENT).until(() -> dhan.connectionCount() == 3 && client.isUp());
        await().atMost(EVENT).until(() -> dhan.connections().stream().mapToInt(c -> subscribed(c.texts).size()).sum() == OPTIONS + 1);
        Map<String, Integer> all = new HashMap<>();
        for (FakeDhanFeed.Connection connection : dhan.connections()) {
            Map<String, Integer> mine = subscribed(connection.texts);
            assertThat(mine.size()).isLessThanOrEqualTo(120);
            assertThat(all.keySet()).doesNotContainAnyElementsOf(mine.keySet());
            all.putAll(mine);
        }
        assertThat(all).hasSize(OPTIONS + 1);

        // One connection is dropped and, for a while, refused: the state names it.
        dhan.handshake = url -> new MockResponse.Builder().code(403).build();
        dhan.connection(1).drop();
        await().atMost(EVENT).until(() -> !client.isUp());
        assertThat(client.reason()).matches("connection [123] of 3: token or client id rejected \\(HTTP 403\\)");

        dhan.handshake = url -> null;
        await().atMost(EVENT).until(() -> client.isUp());
        int expected = subscribed(dhan.connection(1).texts).size();
        await().atMost(EVENT).until(() -> subscribed(dhan.last().texts).size() == expected);
        assertThat(subscribed(dhan.last().texts)).isEqualTo(subscribed(dhan.connection(1).texts));
    }

    @Test
    void closeSaysGoodbyeToDhanAndReturnsOnceTheCloseHandshakeIsDone() throws Exception {
        // A minute to close: close() returning within the bound below means it ended on the handshake,
        // not on the timeout.
        FeedProperties p = properties();
        start(new FeedProperties(p.stallAfter(), p.stallWatch(), p.reconnectMin(), p.reconnectMax(), p.authRetry(),
                p.pingInterval(), Duration.ofMinutes(1), 100, 5000, 5));
        await().atMost(EVENT).until(() -> client.isUp());

        CompletableFuture.runAsync(client::close).get(EVENT.toMillis(), TimeUnit.MILLISECONDS);

        FakeDhanFeed.Connection connection = dhan.connection(0);
        assertThat(connection.isClosed()).as("the handshake finished before close() returned").isTrue();
        assertThat(connection.texts).last().isEqualTo("{\"RequestCode\":12}");
        assertThat(client.isUp()).isFalse();
        assertThat(client.reason()).isEqualTo("shut down");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void awaitAllSubscribed(FakeDhanFeed.Connection connection) {
        await().atMost(EVENT).until(() -> subscribed(connection.texts).size() == OPTIONS + 1);
    }

    private void start(FeedProperties properties) {
        start(properties, Clock.systemUTC());
    }

    private void start(FeedProperties properties, Clock clock) {
        TickApplier applier = new TickApplier(() -> index, Clock.systemUTC());
        client = new FeedClient(properties, access, applier, freshness, metrics, clock, nanos::get, new SplittableRandom(42));
        client.bindTo(registry);
        client.subscribe(index);
    }

    /** Long enough that a busy machine answers a rejected connection within the probation it sets. */
    private static final Duration AUTH_RETRY = Duration.ofSeconds(3);

    private static FeedProperties properties() {
        return properties(Duration.ofSeconds(30));
    }

    private static FeedProperties withAuthRetry(Duration authRetry) {
        FeedProperties p = properties();
        return new FeedProperties(p.stallAfter(), p.stallWatch(), p.reconnectMin(), p.reconnectMax(), authRetry,
                p.pingInterval(), p.closeTimeout(), 100, 5000, 5);
    }

    /** Moves the client's time on, then runs its stall watchdog once and waits for it. */
    private void advance(Duration by) throws Exception {
        nanos.addAndGet(by.toNanos());
        client.checkStalls().get(EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Milliseconds between the handshakes of consecutive connections. */
    private static List<Long> gapsMillis(List<FakeDhanFeed.Connection> connections) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < connections.size(); i++) {
            gaps.add((connections.get(i).acceptedAtNanos - connections.get(i - 1).acceptedAtNanos) / 1_000_000);
        }
        return gaps;
    }

    private static FeedProperties properties(Duration stallAfter) {
        return properties(stallAfter, FeedProperties.StallWatch.ALWAYS);
    }

    private static FeedProperties properties(Duration stallAfter, FeedProperties.StallWatch watch) {
        return new FeedProperties(stallAfter, watch, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(500),
                100, 5000, 5);
    }

    /**
     * Parses subscription messages, checking each one's shape, and returns "SEGMENT:id" to RequestCode.
     * Every instrument may appear once.
     */
    private static Map<String, Integer> subscribed(List<String> texts) {
        Map<String, Integer> modes = new HashMap<>();
        for (String text : texts) {
            JsonNode message = JSON.readTree(text);
            int code = message.get("RequestCode").asInt();
            if (code == 12) {
                continue;
            }
            assertThat(code).isIn(15, 21);
            JsonNode list = message.get("InstrumentList");
            assertThat(list.size()).isBetween(1, 100);
            assertThat(message.get("InstrumentCount").asInt()).isEqualTo(list.size());
            for (JsonNode instrument : list) {
                assertThat(instrument.get("SecurityId").isString()).as("SecurityId is a JSON string").isTrue();
                String key = instrument.get("ExchangeSegment").asString() + ":" + instrument.get("SecurityId").asString();
                assertThat(modes.put(key, code)).as("subscribed once: " + key).isNull();
            }
        }
        return modes;
    }

    private Map<Leg, LegSnapshot> snapshot() {
        Map<Leg, LegSnapshot> s = new HashMap<>();
        s.put(nifty, nifty.read());
        for (Leg leg : index.options()) {
            s.put(leg, leg.read());
        }
        return s;
    }

    private Set<Leg> changedSince(Map<Leg, LegSnapshot> before) {
        Set<Leg> changed = new HashSet<>();
        snapshot().forEach((leg, now) -> {
            if (!now.equals(before.get(leg))) {
                changed.add(leg);
            }
        });
        return changed;
    }

    private static Logger feedLogger() {
        Logger logger = (Logger) LoggerFactory.getLogger("com.livechain.dhan.feed");
        logger.setLevel(Level.DEBUG);
        return logger;
    }

    /** Credentials read afresh on every call, as the real credential store does. */
    private static final class TestAccess implements DhanAccess {
        final AtomicReference<DhanCredentials> credentials;
        volatile URI feedUrl;

        TestAccess(URI feedUrl, DhanCredentials credentials) {
            this.feedUrl = feedUrl;
            this.credentials = new AtomicReference<>(credentials);
        }

        @Override
        public MarketSource source() {
            return MarketSource.DHAN;
        }

        @Override
        public URI restUrl() {
            return URI.create("http://127.0.0.1:1/v2");
        }

        @Override
        public URI feedUrl() {
            return feedUrl;
        }

        @Override
        public URI instrumentsUrl() {
            return URI.create("http://127.0.0.1:1/csv");
        }

        @Override
        public Optional<DhanCredentials> credentials() {
            return Optional.ofNullable(credentials.get());
        }
    }
}
