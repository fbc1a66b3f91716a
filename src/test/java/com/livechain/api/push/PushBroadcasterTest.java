package com.livechain.api.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import com.livechain.MutableClock;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ChainKey;
import com.livechain.chain.ExchangeSegment;
import com.livechain.market.Freshness;
import com.livechain.market.MarketHours;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.api.ChainViews;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broadcaster's tick, driven by hand: what each session is sent, tick by tick, with sessions
 * whose sends can be held to play a slow client.
 */
class PushBroadcasterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FNO = ExchangeSegment.NSE_FNO.code();
    private static final ChainKey NIFTY_NEAR = new ChainKey("NIFTY", PushFixtures.NEAR);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ChainCache cache = new ChainCache(clock);
    private final Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
    private final TickApplier ticks = new TickApplier(cache::index, clock);
    private PushBroadcaster broadcaster;

    @BeforeEach
    void setUp() {
        PushFixtures.install(cache, MarketSource.SIMULATED);
        broadcaster = new PushBroadcaster(cache, freshness, new ChainViews(freshness, 0.10), JSON,
                new PushProperties(Duration.ofMillis(100), Duration.ofSeconds(5), DataSize.ofMegabytes(1), false),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        broadcaster.close();
    }

    @Test
    void aStoppedBroadcasterStartsAgainAndPushes() throws Exception {
        broadcaster.start();
        broadcaster.stop();
        // Threw RejectedExecutionException while stop() shut the tick's executor down for good.
        broadcaster.start();

        FakeSocket socket = subscribe("after-restart", NIFTY_NEAR);
        assertThat(JSON.readTree(socket.next().getPayload()).path("type").asString()).isEqualTo("snapshot");
    }

    /** A session whose sends are recorded, and can be made to hang until released. */
    final class FakeSocket {
        final String id;
        final BlockingQueue<TextMessage> sent = new LinkedBlockingQueue<>();
        volatile CountDownLatch hold;
        final WebSocketSession session = mock(WebSocketSession.class);

        FakeSocket(String id) throws Exception {
            this.id = id;
            when(session.getId()).thenReturn(id);
            when(session.isOpen()).thenReturn(true);
            doAnswer(call -> {
                CountDownLatch latch = hold;
                if (latch != null) {
                    latch.await(10, TimeUnit.SECONDS);
                }
                sent.add((TextMessage) call.getArgument(0, WebSocketMessage.class));
                return null;
            }).when(session).sendMessage(any());
        }

        /** The next message sent, once its send has returned (so the next tick sees the session free). */
        TextMessage next() throws InterruptedException {
            TextMessage message = sent.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message").isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> !broadcaster.session(id).sending.get());
            return message;
        }

        void assertNothingMore() throws InterruptedException {
            assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).as("no further message").isNull();
        }
    }

    private FakeSocket subscribe(String id, ChainKey key) throws Exception {
        FakeSocket socket = new FakeSocket(id);
        broadcaster.subscribe(broadcaster.open(socket.session), all(key, false));
        return socket;
    }

    /** Every strike of the chain. */
    private static PushSubscription all(ChainKey key, boolean followsNearest) {
        return new PushSubscription(new ChainWindow(key, null), followsNearest);
    }

    private void tickLeg(int strike, OptionType type, float price) {
        long id = PushFixtures.leg(cache, "NIFTY", PushFixtures.NEAR, strike, type).securityId();
        ticks.ticker(FNO, id, price, 1L);
    }

    private static JsonNode json(TextMessage message) {
        return JSON.readTree(new String(message.asBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> changedLegs(TextMessage delta) {
        List<String> legs = new ArrayList<>();
        for (JsonNode strike : json(delta).path("strikes")) {
            for (String side : List.of("ce", "pe")) {
                if (strike.has(side)) {
                    legs.add(strike.path("strike").asLong() + " " + side + " " + strike.path(side).path("ltp").asDouble());
                }
            }
        }
        return legs;
    }

    @Test
    void sessionsOfOneChainAreSentTheSameBytesRenderedOnce() throws Exception {
        FakeSocket a = subscribe("a", NIFTY_NEAR);
        FakeSocket b = subscribe("b", NIFTY_NEAR);
        broadcaster.tick();
        TextMessage snapshotA = a.next();
        assertThat(b.next()).isSameAs(snapshotA);
        assertThat(json(snapshotA).path("type").asString()).isEqualTo("snapshot");

        tickLeg(24500, OptionType.CE, 101.5f);
        broadcaster.tick();
        TextMessage deltaA = a.next();
        assertThat(b.next()).isSameAs(deltaA);
        assertThat(changedLegs(deltaA)).containsExactly("24500 ce 101.5");
    }

    @Test
    void aQuietChainSendsNothing() throws Exception {
        FakeSocket a = subscribe("a", NIFTY_NEAR);
        broadcaster.tick();
        a.next();
        broadcaster.tick();
        broadcaster.tick();
        a.assertNothingMore();
    }

    @Test
    void aSessionStillSendingIsSkippedThenSentOneDeltaWithAllItMissed() throws Exception {
        FakeSocket slow = subscribe("slow", NIFTY_NEAR);
        FakeSocket fast = subscribe("fast", NIFTY_NEAR);
        broadcaster.tick();
        slow.next();
        fast.next();

        slow.hold = new CountDownLatch(1);
        tickLeg(24000, OptionType.CE, 10f);
        broadcaster.tick(); // slow's send of this delta hangs
        assertThat(changedLegs(fast.next())).containsExactly("24000 ce 10.0");

        tickLeg(24050, OptionType.PE, 20f);
        broadcaster.tick(); // slow is skipped
        assertThat(changedLegs(fast.next())).containsExactly("24050 pe 20.0");
        tickLeg(24100, OptionType.CE, 30f);
        broadcaster.tick(); // and again
        assertThat(changedLegs(fast.next())).containsExactly("24100 ce 30.0");

        slow.hold.countDown();
        assertThat(changedLegs(slow.next())).containsExactly("24000 ce 10.0");
        slow.hold = null;
        broadcaster.tick();
        assertThat(changedLegs(slow.next())).as("one delta with both missed legs").containsExactly("24050 pe 20.0", "24100 ce 30.0");
        slow.assertNothingMore();
        fast.assertNothingMore();
    }

    @Test
    void legsWhoseOnlyChangeIsTheirGreeksAreSentAtMostOnceASecond() throws Exception {
        int idx = ExchangeSegment.IDX_I.code();
        ticks.ticker(idx, 13, 24510f, 1L);
        for (int strike = 24400; strike <= 24600; strike += 50) {
            for (OptionType type : OptionType.values()) {
                long id = PushFixtures.leg(cache, "NIFTY", PushFixtures.NEAR, strike, type).securityId();
                float fair = (float) Math.max(5, (type == OptionType.CE ? 24510 - strike : strike - 24510) + 120);
                ticks.full(FNO, id, fair, 1L, 1000, 50_000, fair - 0.5f, 75, fair + 0.5f, 75);
            }
        }
        FakeSocket a = subscribe("a", NIFTY_NEAR);
        broadcaster.tick();
        JsonNode snapshot = json(a.next()).path("chain");
        assertThat(snapshot.path("strikes").get(10).path("ce").path("iv").isNumber()).as("priced").isTrue();

        clock.advance(Duration.ofMillis(100));
        ticks.ticker(idx, 13, 24530f, 2L); // moves the forward, so every priced leg's IV and Greeks
        broadcaster.tick();
        JsonNode spotOnly = json(a.next());
        assertThat(spotOnly.path("underlying").path("ltp").asDouble()).isEqualTo(24530.0);
        assertThat(spotOnly.path("strikes").size()).as("analytics-only changes wait for the refresh").isZero();

        clock.advance(Duration.ofMillis(100));
        broadcaster.tick();
        a.assertNothingMore();

        clock.advance(Duration.ofSeconds(1));
        broadcaster.tick();
        JsonNode refresh = json(a.next());
        assertThat(refresh.path("strikes").size()).as("the refresh carries them").isEqualTo(5);
        JsonNode atm = refresh.path("strikes").get(2);
        assertThat(atm.path("strike").asLong()).isEqualTo(24500);
        assertThat(atm.path("ce").path("delta").asDouble())
                .isNotEqualTo(snapshot.path("strikes").get(10).path("ce").path("delta").asDouble());

        clock.advance(Duration.ofMillis(100));
        broadcaster.tick();
        a.assertNothingMore();
    }

    @Test
    void whenAnExpiryClosesTheNearestFollowerRollsOnAndAPinnedSessionIsTold() throws Exception {
        FakeSocket follower = new FakeSocket("follower");
        broadcaster.subscribe(broadcaster.open(follower.session), all(NIFTY_NEAR, true));
        FakeSocket pinned = subscribe("pinned", NIFTY_NEAR);
        broadcaster.tick();
        follower.next();
        pinned.next();

        clock.advance(Duration.between(clock.instant(), MarketHours.expiryClose(PushFixtures.NEAR)).plusMinutes(1));
        broadcaster.tick(); // the chain is gone: the follower is moved, the pinned session told
        JsonNode error = json(pinned.next());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("detail").asString()).contains(PushFixtures.NEAR.toString()).contains("no longer live");
        assertThat(error.path("available").valueStream().map(JsonNode::asString)).containsExactly(PushFixtures.FAR.toString());

        broadcaster.tick();
        JsonNode rolled = json(follower.next());
        assertThat(rolled.path("type").asString()).isEqualTo("snapshot");
        assertThat(rolled.path("chain").path("expiry").asString()).isEqualTo(PushFixtures.FAR.toString());
        pinned.assertNothingMore();
    }

    @Test
    void aReloadedUniverseStartsEverySessionAgainFromASnapshot() throws Exception {
        FakeSocket a = subscribe("a", NIFTY_NEAR);
        broadcaster.tick();
        assertThat(json(a.next()).path("type").asString()).isEqualTo("snapshot");

        PushFixtures.install(cache, MarketSource.SIMULATED);
        broadcaster.tick();
        assertThat(json(a.next()).path("type").asString()).isEqualTo("snapshot");
    }

    @Test
    void switchingChainsLeavesTheOldGroup() throws Exception {
        FakeSocket a = subscribe("a", NIFTY_NEAR);
        broadcaster.tick();
        a.next();
        broadcaster.subscribe(broadcaster.session("a"), all(new ChainKey("NIFTY", PushFixtures.FAR), false));
        broadcaster.tick();
        assertThat(json(a.next()).path("chain").path("expiry").asString()).isEqualTo(PushFixtures.FAR.toString());

        tickLeg(24500, OptionType.CE, 99f);
        broadcaster.tick();
        a.assertNothingMore();

        broadcaster.closed("a");
        broadcaster.tick();
        assertThat(broadcaster.sessionCount()).isZero();
    }

    private FakeSocket subscribe(String id, ChainKey key, Integer strikes) throws Exception {
        FakeSocket socket = new FakeSocket(id);
        broadcaster.subscribe(broadcaster.open(socket.session), new PushSubscription(new ChainWindow(key, strikes), false));
        return socket;
    }

    private static List<Long> strikesOf(JsonNode strikes) {
        return strikes.valueStream().map(s -> s.path("strike").asLong()).toList();
    }

    @Test
    void aWindowOfStrikesIsSentOnlyItsStrikesInTheSnapshotAndInDeltas() throws Exception {
        int idx = ExchangeSegment.IDX_I.code();
        ticks.ticker(idx, 13, 24510f, 1L); // ATM 24500
        FakeSocket window = subscribe("window", NIFTY_NEAR, 2);
        FakeSocket whole = subscribe("whole", NIFTY_NEAR, null);
        broadcaster.tick();
        JsonNode snapshot = json(window.next());
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(strikesOf(snapshot.path("chain").path("strikes"))).containsExactly(24400L, 24450L, 24500L, 24550L, 24600L);
        assertThat(snapshot.path("chain").path("atmStrike").asLong()).isEqualTo(24500);
        assertThat(json(whole.next()).path("chain").path("strikes").size()).isEqualTo(21);

        tickLeg(24000, OptionType.CE, 7f); // outside the window
        broadcaster.tick();
        assertThat(changedLegs(whole.next())).containsExactly("24000 ce 7.0");
        window.assertNothingMore(); // a far strike's price is not the window's: nothing it shows moved

        tickLeg(24550, OptionType.PE, 60f); // inside
        tickLeg(24900, OptionType.PE, 400f); // outside
        broadcaster.tick();
        assertThat(changedLegs(window.next())).containsExactly("24550 pe 60.0");
        assertThat(changedLegs(whole.next())).containsExactlyInAnyOrder("24550 pe 60.0", "24900 pe 400.0");
        window.assertNothingMore();
    }

    @Test
    void aWindowThatMovesWithAtmIsSentAsANewSnapshot() throws Exception {
        int idx = ExchangeSegment.IDX_I.code();
        ticks.ticker(idx, 13, 24510f, 1L);
        FakeSocket window = subscribe("window", NIFTY_NEAR, 1);
        broadcaster.tick();
        assertThat(strikesOf(json(window.next()).path("chain").path("strikes"))).containsExactly(24450L, 24500L, 24550L);

        ticks.ticker(idx, 13, 24712f, 2L); // ATM 24700
        broadcaster.tick();
        JsonNode moved = json(window.next());
        assertThat(moved.path("type").asString()).isEqualTo("snapshot");
        assertThat(moved.path("chain").path("atmStrike").asLong()).isEqualTo(24700);
        assertThat(strikesOf(moved.path("chain").path("strikes"))).containsExactly(24650L, 24700L, 24750L);

        tickLeg(24700, OptionType.CE, 150f);
        broadcaster.tick();
        assertThat(changedLegs(window.next())).as("deltas again, in the new window").containsExactly("24700 ce 150.0");
    }

    @Test
    void aFollowerOfTheNearestKeepsItsWindowWhenItRollsOn() throws Exception {
        ticks.ticker(ExchangeSegment.IDX_I.code(), 13, 24510f, 1L);
        FakeSocket follower = new FakeSocket("follower");
        broadcaster.subscribe(broadcaster.open(follower.session), new PushSubscription(new ChainWindow(NIFTY_NEAR, 3), true));
        broadcaster.tick();
        assertThat(json(follower.next()).path("chain").path("strikes").size()).isEqualTo(7);

        clock.advance(Duration.between(clock.instant(), MarketHours.expiryClose(PushFixtures.NEAR)).plusMinutes(1));
        broadcaster.tick();
        broadcaster.tick();
        JsonNode rolled = json(follower.next()).path("chain");
        assertThat(rolled.path("expiry").asString()).isEqualTo(PushFixtures.FAR.toString());
        assertThat(rolled.path("strikes").size()).isEqualTo(7);
    }
}
