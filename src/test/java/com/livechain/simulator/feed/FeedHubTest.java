package com.livechain.simulator.feed;

import com.livechain.simulator.DhanPackets;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.RawWebSocket;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimulatedChain;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.simulator.market.SimulatedMarketTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;
import com.livechain.credentials.DhanCredentials;

class FeedHubTest {

    static final OkHttpClient HTTP = new OkHttpClient();
    static final int IST_OFFSET = 19_800;
    /** Every wait is for an event (a frame, a close); this only bounds a build that hangs. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> open = new ArrayList<>();
    /** The simulator's monotonic time: pings and pong timeouts happen only when a test moves it. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** Index ids subscribed as markers so far: each marker is an index not subscribed before. */
    private final List<Long> markers = new ArrayList<>(List.of(25L, 27L, 442L));

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private DhanSimulator simulator(SimulatorProperties.Builder properties) {
        DhanSimulator simulator = DhanSimulator.start(properties.seed(42L).realTime(false).build(),
                Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC), nanos::get);
        open.add(simulator);
        return simulator;
    }

    private DhanSimulator simulator() {
        return simulator(SimulatorProperties.builder());
    }

    private FeedTestClient client(DhanSimulator simulator) throws Exception {
        FeedTestClient client = FeedTestClient.open(HTTP, simulator.feedUrl(), simulator.credentials());
        open.add(client);
        return client;
    }

    /** The {@code count} legs nearest the money of NIFTY's first weekly, calls and puts alternating. */
    static List<SimulatedChain.Leg> atmLegs(SimulatedMarket market, int count) {
        LocalDate weekly = market.expiries("NIFTY").get(0);
        SimulatedChain chain = market.chain("NIFTY", weekly);
        List<SimulatedChain.Strike> strikes = new ArrayList<>(chain.strikes());
        strikes.sort(Comparator.comparingDouble(s -> Math.abs(s.strike() - chain.lastPrice())));
        List<SimulatedChain.Leg> legs = new ArrayList<>();
        for (SimulatedChain.Strike s : strikes) {
            legs.add(s.ce());
            legs.add(s.pe());
            if (legs.size() >= count) {
                break;
            }
        }
        return legs.subList(0, count);
    }

    static List<Long> ids(List<SimulatedChain.Leg> legs) {
        return legs.stream().map(SimulatedChain.Leg::securityId).toList();
    }

    static long count(List<DhanPackets.Packet> packets, int code) {
        return packets.stream().filter(p -> p.code() == code).count();
    }

    static long count(List<DhanPackets.Packet> packets, int code, long securityId) {
        return packets.stream().filter(p -> p.code() == code && p.securityId() == securityId).count();
    }

    /**
     * Everything the connection is sent up to and including a marker: the previous close of an index the
     * client subscribes now. The hub sends a connection's frames in order, so whatever the market had sent
     * it before the marker's request was read has arrived when the marker does: no waiting for a quiet time.
     */
    private List<DhanPackets.Packet> packetsUpToAMarker(FeedTestClient client) throws Exception {
        long marker = markers.remove(0);
        client.subscribe(15, "IDX_I", List.of(marker));
        List<DhanPackets.Packet> packets = client.packetsUntil(p -> count(p, 6, marker) == 1, WAIT);
        assertThat(count(packets, 6, marker)).as("the marker arrived").isEqualTo(1);
        packets.removeIf(p -> p.securityId() == marker && p.segment() == 0);
        return packets;
    }

    /** Moves the simulator's time on; its keepalive sees it on its next round. */
    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void subscribingSendsMarketStatusAndPrevCloseOnceThenLittleEndianPackets() throws Exception {
        DhanSimulator simulator = simulator();
        SimulatedMarket market = simulator.market();
        FeedTestClient client = client(simulator);
        List<SimulatedChain.Leg> legs = atmLegs(market, 4);

        client.subscribe(15, "IDX_I", List.of(13L));
        List<DhanPackets.Packet> first = DhanPackets.decodeStrict(client.nextFrame(WAIT));
        // Several packets back to back in one frame: market status, prev close, ticker.
        assertThat(first).extracting(DhanPackets.Packet::code).containsExactly(7, 6, 2);
        assertThat(first.get(0).length()).isEqualTo(8);
        DhanPackets.Packet indexPrevClose = first.get(1);
        assertThat(indexPrevClose.length()).isEqualTo(16);
        assertThat(indexPrevClose.segment()).isEqualTo(0);
        assertThat(indexPrevClose.securityId()).isEqualTo(13);
        assertThat((double) indexPrevClose.prevClose()).isBetween(market.lastPrice("NIFTY") * 0.97, market.lastPrice("NIFTY") * 1.03);
        DhanPackets.Packet ticker = first.get(2);
        assertThat(ticker.length()).isEqualTo(16);
        assertThat(ticker.ltp()).isEqualTo((float) market.lastPrice("NIFTY"));
        assertThat(ticker.tickerTime()).isEqualTo(SimulatedMarketTest.THURSDAY_MORNING.getEpochSecond() + IST_OFFSET);

        client.subscribe(21, "NSE_FNO", ids(legs));
        List<DhanPackets.Packet> packets = client.packetsUntil(p -> count(p, 8) >= 4, WAIT);
        assertThat(count(packets, 6)).isEqualTo(4);
        assertThat(count(packets, 7)).as("market status only once per connection").isZero();
        Map<Long, SimulatedChain.Leg> bySecurityId = legs.stream().collect(Collectors.toMap(SimulatedChain.Leg::securityId, l -> l));
        for (DhanPackets.Packet p : packets) {
            SimulatedChain.Leg leg = bySecurityId.get(p.securityId());
            assertThat(leg).isNotNull();
            assertThat(p.segment()).isEqualTo(2);
            if (p.code() == 6) {
                assertThat(p.prevClose()).isEqualTo((float) leg.previousClose());
                assertThat(p.prevOi()).isEqualTo(leg.previousOi());
            } else {
                assertThat(p.code()).isEqualTo(8);
                assertThat(p.length()).isEqualTo(162);
                assertThat(p.tradeLtp()).isEqualTo((float) leg.lastPrice());
                assertThat(p.atp()).isEqualTo((float) leg.averagePrice());
                assertThat(p.volume()).isEqualTo(leg.volume());
                assertThat(p.fullOi()).isEqualTo(leg.oi());
                assertThat(p.oiDayHigh()).isGreaterThanOrEqualTo(p.fullOi());
                assertThat(p.oiDayLow()).isLessThanOrEqualTo(p.fullOi());
                assertThat(p.ltt()).isEqualTo(SimulatedMarketTest.THURSDAY_MORNING.getEpochSecond() + IST_OFFSET);
                assertThat(p.ltq()).isPositive();
                assertThat(p.bidPrice(0)).isEqualTo((float) leg.bid());
                assertThat(p.askPrice(0)).isEqualTo((float) leg.ask());
                assertThat(p.bidQty(0)).isEqualTo(leg.bidQty());
                assertThat(p.askQty(0)).isEqualTo(leg.askQty());
                assertThat(p.bidOrders(0)).isPositive();
                for (int level = 1; level < 5; level++) {
                    assertThat(p.bidPrice(level)).isLessThan(p.bidPrice(level - 1));
                    assertThat(p.askPrice(level)).isGreaterThan(p.askPrice(level - 1));
                }
                assertThat(p.fullLow()).isLessThanOrEqualTo(p.fullHigh());
            }
        }

        market.step(Duration.ofSeconds(2));
        List<DhanPackets.Packet> later = client.packetsUntil(p -> count(p, 2) >= 8, WAIT);
        assertThat(count(later, 2)).as("one index ticker per tick").isEqualTo(8);
        assertThat(count(later, 6)).as("prev close is sent once, on subscribe").isZero();
        assertThat(later).filteredOn(p -> p.code() == 2).last()
                .satisfies(p -> assertThat(p.ltp()).isEqualTo((float) market.lastPrice("NIFTY")));
        assertThat(simulator.counters().requests(21)).isEqualTo(1);
        assertThat(simulator.counters().requestInstruments(21)).isEqualTo(4);
        assertThat(simulator.counters().requests(15)).isEqualTo(1);
    }

    @Test
    void quoteModeSendsQuoteAndOiPackets() throws Exception {
        DhanSimulator simulator = simulator();
        FeedTestClient client = client(simulator);
        List<SimulatedChain.Leg> legs = atmLegs(simulator.market(), 2);
        client.subscribe(17, "NSE_FNO", ids(legs));
        List<DhanPackets.Packet> packets = client.packetsUntil(p -> count(p, 5) >= 2, WAIT);
        assertThat(count(packets, 4)).isEqualTo(2);
        assertThat(count(packets, 6)).isEqualTo(2);
        for (DhanPackets.Packet p : packets) {
            if (p.code() == 7) {
                continue;
            }
            SimulatedChain.Leg leg = legs.stream().filter(l -> l.securityId() == p.securityId()).findFirst().orElseThrow();
            switch (p.code()) {
                case 4 -> {
                    assertThat(p.length()).isEqualTo(50);
                    assertThat(p.tradeLtp()).isEqualTo((float) leg.lastPrice());
                    assertThat(p.volume()).isEqualTo(leg.volume());
                    assertThat(p.quoteLow()).isLessThanOrEqualTo(p.quoteHigh());
                }
                case 5 -> {
                    assertThat(p.length()).isEqualTo(12);
                    assertThat(p.oi()).isEqualTo(leg.oi());
                }
                case 6 -> assertThat(p.prevClose()).isEqualTo((float) leg.previousClose());
                default -> throw new AssertionError("unexpected code " + p.code());
            }
        }
    }

    @Test
    void ticksSendFullPacketsForTradedLegsWithTheMarketsNewValues() throws Exception {
        DhanSimulator simulator = simulator();
        SimulatedMarket market = simulator.market();
        FeedTestClient client = client(simulator);
        List<SimulatedChain.Leg> legs = atmLegs(market, 100);
        client.subscribe(21, "NSE_FNO", ids(legs));
        client.packetsUntil(p -> count(p, 8) >= 100, WAIT);

        market.step(Duration.ofSeconds(1));
        List<DhanPackets.Packet> packets = packetsUpToAMarker(client);
        Map<Long, DhanPackets.Packet> last = new HashMap<>();
        packets.stream().filter(p -> p.code() == 8).forEach(p -> last.put(p.securityId(), p));
        assertThat(last).as("legs traded within a second near the money").hasSizeGreaterThan(10);
        Map<Long, SimulatedChain.Leg> now = atmLegs(market, 100).stream()
                .collect(Collectors.toMap(SimulatedChain.Leg::securityId, l -> l));
        for (DhanPackets.Packet p : last.values()) {
            SimulatedChain.Leg leg = now.get(p.securityId());
            assertThat(p.tradeLtp()).isEqualTo((float) leg.lastPrice());
            assertThat(p.volume()).isEqualTo(leg.volume());
            assertThat(p.bidPrice(0)).isEqualTo((float) leg.bid());
            long start = SimulatedMarketTest.THURSDAY_MORNING.getEpochSecond() + IST_OFFSET;
            assertThat(p.ltt()).isBetween(start, start + 1);
        }
    }

    @Test
    void unsubscribingStopsThatModesPackets() throws Exception {
        DhanSimulator simulator = simulator();
        FeedTestClient client = client(simulator);
        List<Long> ids = ids(atmLegs(simulator.market(), 40));
        client.subscribe(15, "IDX_I", List.of(13L));
        client.subscribe(21, "NSE_FNO", ids);
        client.packetsUntil(p -> count(p, 8) >= 40, WAIT);
        client.subscribe(22, "NSE_FNO", ids);
        packetsUpToAMarker(client); // the unsubscription is done
        simulator.market().step(Duration.ofSeconds(3));
        List<DhanPackets.Packet> packets = packetsUpToAMarker(client);
        assertThat(count(packets, 2, 13)).as("one NIFTY ticker per tick, 4 ticks a second").isEqualTo(12);
        assertThat(count(packets, 8)).isZero();
    }

    @Test
    void moreThanOneHundredInstrumentsInOneMessageIsDisconnect804() throws Exception {
        DhanSimulator simulator = simulator();
        FeedTestClient client = client(simulator);
        client.subscribe(21, "NSE_FNO", ids(atmLegs(simulator.market(), 101)));
        List<DhanPackets.Packet> packets = DhanPackets.decodeStrict(client.nextFrame(WAIT));
        assertThat(packets).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(50);
            assertThat(p.length()).isEqualTo(10);
            assertThat(p.reason()).isEqualTo(804);
        });
        assertThat(client.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(1000);
        assertThat(simulator.feedConnections()).isZero();
    }

    @Test
    void moreThanFiveThousandInstrumentsOnOneConnectionIsDisconnect804() throws Exception {
        DhanSimulator simulator = simulator();
        FeedTestClient client = client(simulator);
        SimulatedMarket market = simulator.market();
        List<Long> ids = new ArrayList<>();
        for (String symbol : List.of("NIFTY", "BANKNIFTY")) {
            for (LocalDate expiry : market.expiries(symbol)) {
                for (SimulatedChain.Strike s : market.chain(symbol, expiry).strikes()) {
                    ids.add(s.ce().securityId());
                    ids.add(s.pe().securityId());
                }
            }
        }
        for (int i = 0; i < 50; i++) {
            client.subscribe(21, "NSE_FNO", ids.subList(i * 100, i * 100 + 100));
        }
        // Subscribing what is already subscribed adds nothing.
        client.subscribe(15, "NSE_FNO", ids.subList(0, 100));
        await().atMost(WAIT).until(() -> simulator.counters().requests(15) == 1);
        assertThat(client.closed).isNotDone();
        client.subscribe(21, "NSE_FNO", ids.subList(5000, 5001));
        FeedTestClient.Closed closed = client.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(1000);
        List<DhanPackets.Packet> all = new ArrayList<>();
        for (byte[] frame : client.frames) {
            all.addAll(DhanPackets.decodeStrict(frame));
        }
        assertThat(all).last().satisfies(p -> assertThat(p.reason()).isEqualTo(804));
        assertThat(count(all, 6)).isEqualTo(5000);
    }

    @Test
    void aSixthConnectionDisconnectsTheOldestWith805() throws Exception {
        DhanSimulator simulator = simulator();
        List<FeedTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(client(simulator));
            int expected = i + 1;
            await().atMost(WAIT).until(() -> simulator.feedConnections() == expected);
        }
        FeedTestClient sixth = client(simulator);
        List<DhanPackets.Packet> packets = DhanPackets.decodeStrict(clients.get(0).nextFrame(WAIT));
        assertThat(packets).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo(805));
        assertThat(clients.get(0).closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(1000);
        assertThat(simulator.feedConnections()).isEqualTo(5);
        assertThat(simulator.counters().connectionsKicked()).isEqualTo(1);
        for (FeedTestClient other : clients.subList(1, 5)) {
            assertThat(other.closed).isNotDone();
        }
        assertThat(sixth.closed).isNotDone();
    }

    @Test
    void badQueryCredentialsGetADisconnectPacketAfterTheHandshake() throws Exception {
        DhanSimulator simulator = simulator();
        DhanCredentials good = simulator.credentials();
        URI feed = simulator.feedUrl();
        Map<String, Integer> cases = Map.of(
                FeedTestClient.url(feed, good.clientId(), "wrong-token"), 809,
                FeedTestClient.url(feed, "1000000001", good.accessToken()), 808,
                feed + "?token=" + good.accessToken() + "&clientId=" + good.clientId() + "&authType=2", 808);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            FeedTestClient client = FeedTestClient.connect(HTTP, c.getKey());
            open.add(client);
            assertThat(client.opened.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(101);
            List<DhanPackets.Packet> packets = DhanPackets.decodeStrict(client.nextFrame(WAIT));
            assertThat(packets).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(50);
                assertThat(p.reason()).as(c.getKey()).isEqualTo(c.getValue());
            });
            assertThat(client.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(1000);
        }
        assertThat(simulator.counters().authFailures()).isEqualTo(3);
        assertThat(simulator.counters().connectionsAuthenticated()).isZero();
    }

    @Test
    void requestCode12ClosesAndMalformedRequestsAreDisconnect814() throws Exception {
        DhanSimulator simulator = simulator();
        FeedTestClient polite = client(simulator);
        polite.send("{\"RequestCode\": 12}");
        assertThat(polite.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(1000);
        assertThat(polite.frames).isEmpty();

        FeedTestClient sloppy = client(simulator);
        sloppy.send("{\"RequestCode\": \"21\"");
        assertThat(DhanPackets.decodeStrict(sloppy.nextFrame(WAIT)))
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo(814));
        assertThat(sloppy.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(1000);
    }

    @Test
    void numericSecurityIdsAndUnknownInstrumentsAreIgnored() throws Exception {
        DhanSimulator simulator = simulator();
        FeedTestClient client = client(simulator);
        client.send("{\"RequestCode\":21,\"InstrumentCount\":3,\"InstrumentList\":[{\"ExchangeSegment\":\"NSE_FNO\",\"SecurityId\":"
                + atmLegs(simulator.market(), 1).get(0).securityId() + "},{\"ExchangeSegment\":\"NSE_FNO\",\"SecurityId\":\"1\"},"
                + "{\"ExchangeSegment\":\"NSE_XYZ\",\"SecurityId\":\"35000\"}]}");
        List<DhanPackets.Packet> packets = packetsUpToAMarker(client);
        assertThat(simulator.counters().unknownInstruments()).isEqualTo(3);
        assertThat(packets).extracting(DhanPackets.Packet::code).as("market status, and nothing for the bad ids")
                .containsExactly(7);
    }

    @Test
    void pingsArriveAndAClientThatAnswersStays() throws Exception {
        DhanSimulator simulator = simulator(SimulatorProperties.builder()
                .pingInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(600)));
        FeedTestClient client = client(simulator);
        await().atMost(WAIT).until(() -> simulator.feedConnections() == 1);

        // A second of pings, each answered (OkHttp pongs by itself): well past the timeout, never silent that long.
        for (int ping = 1; ping <= 10; ping++) {
            advance(Duration.ofMillis(100));
            int sent = ping;
            await().atMost(WAIT).until(() -> simulator.counters().pingsSent() == sent
                    && simulator.counters().pongsReceived() == sent);
        }

        assertThat(client.closed).isNotDone();
        assertThat(client.failed).isNotDone();
        assertThat(simulator.counters().pongTimeouts()).isZero();
        assertThat(simulator.feedConnections()).isEqualTo(1);
    }

    @Test
    void aClientThatStopsPongingIsDropped() throws Exception {
        DhanSimulator simulator = simulator(SimulatorProperties.builder()
                .pingInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(800)));
        DhanCredentials credentials = simulator.credentials();
        try (RawWebSocket raw = RawWebSocket.connect(simulator.feedUrl(),
                "version=2&token=" + credentials.accessToken() + "&clientId=" + credentials.clientId() + "&authType=2")) {
            assertThat(raw.status).isEqualTo(101);
            await().atMost(WAIT).until(() -> simulator.feedConnections() == 1);
            // Answer the first two pings, then go silent.
            for (int answered = 1; answered <= 2; answered++) {
                advance(Duration.ofMillis(100));
                RawWebSocket.Frame ping = raw.read((int) WAIT.toMillis());
                assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
                raw.sendPong(ping.payload());
                int pongs = answered;
                await().atMost(WAIT).until(() -> simulator.counters().pongsReceived() == pongs);
            }
            // Each round drops the silent first, then pings: a ping proves the client was kept at that time.
            for (int silentMillis = 100; silentMillis <= 800; silentMillis += 100) {
                advance(Duration.ofMillis(100));
                RawWebSocket.Frame frame = raw.read((int) WAIT.toMillis());
                assertThat(frame).isNotNull();
                assertThat(frame.opcode()).as("silent for %d ms of an 800 ms timeout: pinged, not closed", silentMillis)
                        .isEqualTo(RawWebSocket.PING);
            }
            advance(Duration.ofMillis(100));
            RawWebSocket.Frame frame = raw.read((int) WAIT.toMillis());
            assertThat(frame).as("a close frame before the socket goes").isNotNull();
            assertThat(frame.opcode()).as("silent for 900 ms: closed").isEqualTo(RawWebSocket.CLOSE);
        }
        assertThat(simulator.counters().pongTimeouts()).isEqualTo(1);
        assertThat(simulator.feedConnections()).isZero();
    }

    @Test
    void inRealTimeTheChainFollowsTheClockFourTicksASecond() throws Exception {
        MutableClock clock = new MutableClock(SimulatedMarketTest.THURSDAY_MORNING);
        DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(42L).build(), clock, nanos::get);
        open.add(simulator);
        FeedTestClient client = client(simulator);
        List<Long> ids = ids(atmLegs(simulator.market(), 60));
        client.subscribe(15, "IDX_I", List.of(13L));
        client.subscribe(21, "NSE_FNO", ids);
        client.packetsUntil(p -> count(p, 8) >= 60, WAIT);
        assertThat(count(packetsUpToAMarker(client), 2, 13)).as("the clock has not moved: no tick").isZero();

        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> simulator.market().ticks() == 4);
        List<DhanPackets.Packet> second = packetsUpToAMarker(client);

        assertThat(count(second, 2, 13)).as("one NIFTY ticker per tick").isEqualTo(4);
        Set<Float> levels = second.stream().filter(p -> p.code() == 2 && p.securityId() == 13)
                .map(DhanPackets.Packet::ltp).collect(Collectors.toSet());
        assertThat(levels).hasSizeGreaterThanOrEqualTo(2);
        assertThat(second.stream().filter(p -> p.code() == 8).map(DhanPackets.Packet::securityId).distinct().count())
                .isGreaterThanOrEqualTo(8);
        assertThat(simulator.market().now()).isEqualTo(SimulatedMarketTest.THURSDAY_MORNING.plusSeconds(1));
    }
}
