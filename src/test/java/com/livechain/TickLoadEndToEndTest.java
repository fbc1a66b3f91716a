package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import okio.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.dhan.feed.FeedClient;
import com.livechain.dhan.feed.FeedMetrics;
import com.livechain.dhan.feed.PacketDecoder;
import com.livechain.dhan.feed.ProtocolPackets;

/**
 * Correctness under a flood of ticks: a loopback Dhan ({@link FakeDhan}) sends full packets for every leg of the
 * NIFTY chain as fast as the app's feed socket takes them while readers poll {@code GET /options/live} without
 * pause, browsers follow the chain on {@code /ws/options} and one thread reads the hottest slots directly. Every
 * packet is internally consistent (ask = bid + 0.5, ltp = bid + 0.25, askQty = bidQty + 1, volume = 2 bidQty,
 * OI = 3 bidQty, all from one counter), so a leg read half before and half after a write breaks one of those
 * equalities: a torn leg. The run must show no torn leg and no error, count exactly the packets sent, and end
 * with every leg's last tick visible to HTTP and to every browser. How fast ticks are applied is not asserted
 * here (a timed bound would only measure the machine's load); the rates are the benchmarks' business
 * ({@code FeedDecodeBenchmark}, {@code TickToVisibleLatency}, docs/performance.md).
 *
 * <p>Run alone: {@code ./mvnw -B test -Dtest=TickLoadEndToEndTest [-Dlivechain.load.ticks=6000000]
 * [-Dlivechain.load.readers=8] [-Dlivechain.load.push-readers=8]}. The counts go to stdout and
 * {@code target/reliability/load.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TickLoadEndToEndTest {

    static final int TICKS = Integer.getInteger("livechain.load.ticks", 500_000);
    static final int READERS = Integer.getInteger("livechain.load.readers", 4);
    static final int PUSH_READERS = Integer.getInteger("livechain.load.push-readers", 4);
    static final int PACKETS_PER_FRAME = 100;
    /** Unsent bytes on the feed socket above which the writer waits: backpressure, not a pace. */
    static final long QUEUE_LIMIT = 1 << 20;
    /** Events waited for (the last packets applied, the last deltas received): generous, they only end a failure. */
    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final FakeDhan dhan;

    static {
        try {
            dhan = new FakeDhan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void dhanOnLoopback(DynamicPropertyRegistry registry) throws IOException {
        Path store = Files.createTempDirectory("livechain-load-");
        dhan.registerLiveMode(registry, store);
    }

    @AfterAll
    static void stopDhan() {
        dhan.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    FeedClient feed;

    @Autowired
    FeedMetrics metrics;

    @Autowired
    ChainCache cache;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> torn = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final LongAdder reads = new LongAdder();
    private final LongAdder legsChecked = new LongAdder();
    private final LongAdder slotReads = new LongAdder();
    private final LongAdder pushMessages = new LongAdder();
    private final LongAdder pushLegsChecked = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    private final long[] legs = legs();
    private final Map<Long, Integer> legIndex = new HashMap<>();
    /** The bidQty of the last packet sent to each leg, by its index in {@link #legs}: what must show at the end. */
    private final long[] lastBidQty = new long[legs.length];

    @Test
    void underAFloodOfTicksNoReaderSeesATornLegAndEveryLegsLastTickReachesHttpAndEveryBrowser() throws Exception {
        for (int i = 0; i < legs.length; i++) {
            legIndex.put(legs[i], i);
        }
        await().atMost(EVENTUALLY).until(() -> feed.isUp() && dhan.feed.get() != null);
        // Every leg gets a consistent tick first, so every leg a reader sees must pass the check.
        long[] counter = {1};
        for (int i = 0; i < legs.length; i += PACKETS_PER_FRAME / 2) {
            send(frame(i, counter));
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(consistentLegs()).isEqualTo(legs.length));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean pushing = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            // Half the readers poll the six legs around the money, which take half of all ticks: a torn read is
            // most likely where writes are densest. The others read both whole chains.
            String query = r % 2 == 0 ? "&expiry=" + FakeDhan.WEEKLY + "&strikes=1"
                    : "&expiry=" + (r % 4 == 1 ? FakeDhan.WEEKLY : FakeDhan.MONTHLY);
            readers.add(new Thread(() -> read(running, query), "load-reader-" + r));
        }
        List<TextSocket> sockets = new ArrayList<>();
        List<PushView> views = new ArrayList<>();
        List<Thread> pushReaders = new ArrayList<>();
        for (int r = 0; r < PUSH_READERS; r++) {
            LocalDate expiry = r % 2 == 0 ? FakeDhan.WEEKLY : FakeDhan.MONTHLY;
            TextSocket socket = TextSocket.open(http, port);
            socket.send("{\"underlying\":\"NIFTY\",\"expiry\":\"" + expiry + "\"}");
            sockets.add(socket);
            PushView view = new PushView(expiry);
            views.add(view);
            pushReaders.add(new Thread(() -> readPush(pushing, socket, view), "load-push-reader-" + r));
        }
        // And one reader straight off the slots, millions of reads a second: the HTTP readers' odds of meeting a
        // write mid-read are small (a read of one leg takes nanoseconds); this one's are not.
        readers.add(new Thread(() -> readSlots(running), "load-slot-reader"));
        readers.forEach(Thread::start);
        pushReaders.forEach(Thread::start);
        long appliedBefore = metrics.ticksApplied();
        long fullBefore = metrics.packets(PacketDecoder.FULL);
        long malformedBefore = metrics.malformedTotal();
        long unknownBefore = metrics.unknownInstruments();
        long frames = (TICKS + PACKETS_PER_FRAME - 1) / PACKETS_PER_FRAME;
        int at = 0;
        try {
            for (long f = 0; f < frames; f++) {
                while (dhan.feed.get().queueSize() > QUEUE_LIMIT) {
                    // Parked, not spinning: on two cores a spinning writer would starve the readers it is testing.
                    LockSupport.parkNanos(200_000);
                }
                send(frame(at, counter));
                at = (at + PACKETS_PER_FRAME / 2) % legs.length;
            }
            long sent = frames * PACKETS_PER_FRAME;
            await("every packet sent applied").atMost(EVENTUALLY)
                    .until(() -> metrics.ticksApplied() - appliedBefore >= sent);
        } finally {
            running.set(false);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
        }
        long sent = frames * PACKETS_PER_FRAME;
        // The feed is quiet now: every leg must show the last packet sent to it, to HTTP and to every browser.
        await("HTTP shows every leg's last tick").atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(legsNotAtTheirLastTick()).isEmpty());
        try {
            for (PushView view : views) {
                await("a " + view.expiry + " browser shows every leg's last tick").atMost(EVENTUALLY)
                        .untilAsserted(() -> assertThat(view.notAtTheirLastTick(this)).isEmpty());
            }
        } finally {
            pushing.set(false);
            for (Thread reader : pushReaders) {
                reader.join(10_000);
            }
            sockets.forEach(TextSocket::close);
        }
        long applied = metrics.ticksApplied() - appliedBefore;
        String report = String.format("Tick load: %,d full packets sent to %d legs, %,d applied, %,d counted as full; "
                        + "%d HTTP readers: %,d responses, %,d legs checked; %d /ws/options readers: %,d snapshots "
                        + "and deltas, %,d legs checked, every leg's last tick in each; %,d reads of the six "
                        + "hottest legs straight off their slots; %d torn, %d errors, statuses %s; malformed "
                        + "packets %d, unknown instruments %d%n",
                sent, legs.length, applied, metrics.packets(PacketDecoder.FULL) - fullBefore, READERS, reads.sum(),
                legsChecked.sum(), PUSH_READERS, pushMessages.sum(), pushLegsChecked.sum(), slotReads.sum(),
                torn.size(), errors.size(), statuses, metrics.malformedTotal() - malformedBefore,
                metrics.unknownInstruments() - unknownBefore);
        System.out.print(report);
        Path out = Path.of("target", "reliability", "load.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);

        assertThat(torn).as("torn legs").isEmpty();
        assertThat(errors).as("errors").isEmpty();
        assertThat(statuses.keySet()).containsOnly(200);
        assertThat(applied).as("packets applied").isEqualTo(sent);
        assertThat(metrics.packets(PacketDecoder.FULL) - fullBefore).as("full packets counted").isEqualTo(sent);
        assertThat(metrics.malformedTotal()).as("malformed packets").isEqualTo(malformedBefore);
        assertThat(metrics.unknownInstruments()).as("unknown instruments").isEqualTo(unknownBefore);
        assertThat(reads.sum()).as("HTTP responses checked").isPositive();
        assertThat(slotReads.sum()).as("slot reads").isPositive();
        assertThat(views).allSatisfy(view -> assertThat(view.messages).as("snapshot and deltas").isGreaterThan(1));
    }

    /** What one browser has been told: each leg's bidQty (which names its packet), from the snapshot and deltas. */
    static final class PushView {
        final LocalDate expiry;
        final Map<String, Long> bidQty = new ConcurrentHashMap<>();
        volatile long messages;

        PushView(LocalDate expiry) {
            this.expiry = expiry;
        }

        List<String> notAtTheirLastTick(TickLoadEndToEndTest test) {
            List<String> behind = new ArrayList<>();
            for (int strike : FakeDhan.strikes()) {
                test.compare(behind, strike + " ce", bidQty.get(strike + " ce"), FakeDhan.ceId(expiry, strike));
                test.compare(behind, strike + " pe", bidQty.get(strike + " pe"), FakeDhan.peId(expiry, strike));
            }
            return behind.size() > 10 ? behind.subList(0, 10) : behind;
        }
    }

    private void compare(List<String> behind, String what, Long shown, long securityId) {
        long expected = lastBidQty[legIndex.get(securityId)];
        if (shown == null || shown != expected) {
            behind.add(what + " shows bidQty " + shown + ", last sent " + expected);
        }
    }

    /** Legs whose HTTP view is not the last packet sent to them (at most ten, for the message). */
    private List<String> legsNotAtTheirLastTick() throws Exception {
        List<String> behind = new ArrayList<>();
        for (LocalDate expiry : List.of(FakeDhan.WEEKLY, FakeDhan.MONTHLY)) {
            JsonNode chain = JSON.readTree(ChaosFixtures.get(http, port,
                    "/options/live?underlying=NIFTY&expiry=" + expiry).body());
            for (JsonNode row : chain.get("strikes")) {
                int strike = row.get("strike").asInt();
                compare(behind, expiry + " " + strike + " ce", row.get("ce").get("bidQty").asLong(),
                        FakeDhan.ceId(expiry, strike));
                compare(behind, expiry + " " + strike + " pe", row.get("pe").get("bidQty").asLong(),
                        FakeDhan.peId(expiry, strike));
            }
        }
        return behind.size() > 10 ? behind.subList(0, 10) : behind;
    }

    private void read(AtomicBoolean running, String query) {
        while (running.get()) {
            try {
                HttpResponse<String> response = ChaosFixtures.get(http, port, "/options/live?underlying=NIFTY" + query);
                statuses.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
                if (response.statusCode() != 200) {
                    error("status " + response.statusCode() + ": " + response.body());
                    continue;
                }
                reads.increment();
                check(JSON.readTree(response.body()), legsChecked);
            } catch (Exception e) {
                error(e.toString());
            }
        }
    }

    /** A browser on /ws/options: a snapshot, then deltas of the legs that changed, every leg in each checked. */
    private void readPush(AtomicBoolean running, TextSocket socket, PushView view) {
        try {
            while (running.get()) {
                String message = socket.next(Duration.ofMillis(500));
                if (message == null) {
                    if (!socket.isOpen()) {
                        error("push socket closed: " + socket.closed);
                        return;
                    }
                    continue;
                }
                JsonNode json = JSON.readTree(message);
                String type = json.path("type").asString();
                JsonNode chain;
                if (type.equals("snapshot")) {
                    chain = json.get("chain");
                } else if (type.equals("delta")) {
                    chain = json;
                } else {
                    error("push message " + message);
                    continue;
                }
                pushMessages.increment();
                check(chain, pushLegsChecked);
                for (JsonNode row : chain.get("strikes")) {
                    for (String side : List.of("ce", "pe")) {
                        JsonNode leg = row.get(side);
                        if (leg != null && !leg.get("bidQty").isNull()) {
                            view.bidQty.put(row.get("strike").asInt() + " " + side, leg.get("bidQty").asLong());
                        }
                    }
                }
                view.messages++;
            }
        } catch (Exception e) {
            error("push reader: " + e);
        }
    }

    private void readSlots(AtomicBoolean running) {
        Leg[] hot = new Leg[HOT.length];
        for (int i = 0; i < HOT.length; i++) {
            hot[i] = cache.index().find(ExchangeSegment.NSE_FNO.code(), HOT[i]);
        }
        long n = 0;
        while (running.get()) {
            LegSnapshot s = hot[(int) (n % hot.length)].read();
            if (s.ask() != s.bid() + 0.5 || s.ltp() != s.bid() + 0.25 || s.askQty() != s.bidQty() + 1
                    || s.volume() != 2 * s.bidQty() || s.oi() != 3 * s.bidQty()) {
                if (torn.size() < 20) {
                    torn.add("slot " + s);
                }
            }
            if (++n % 1_000 == 0) {
                Thread.yield();
            }
        }
        slotReads.add(n);
    }

    private void check(JsonNode chain, LongAdder checked) {
        for (JsonNode row : chain.get("strikes")) {
            for (String side : List.of("ce", "pe")) {
                JsonNode leg = row.get(side);
                if (leg == null) {
                    continue; // a delta leaves out the side that did not change
                }
                checked.increment();
                String broken = broken(leg);
                if (broken != null && torn.size() < 20) {
                    torn.add(row.get("strike").asString() + " " + side + ": " + broken + " in " + leg);
                }
            }
        }
    }

    /** Which equality of one packet the leg breaks, or {@code null} when it is whole. */
    private static String broken(JsonNode leg) {
        double bid = leg.get("bid").asDouble();
        long bidQty = leg.get("bidQty").asLong();
        if (leg.get("ask").asDouble() != bid + 0.5) {
            return "ask != bid + 0.5";
        }
        if (leg.get("ltp").asDouble() != bid + 0.25) {
            return "ltp != bid + 0.25";
        }
        if (leg.get("askQty").asLong() != bidQty + 1) {
            return "askQty != bidQty + 1";
        }
        if (leg.get("volume").asLong() != 2 * bidQty) {
            return "volume != 2 bidQty";
        }
        if (leg.get("oi").asLong() != 3 * bidQty) {
            return "oi != 3 bidQty";
        }
        if (bid != 100 + (bidQty % 10_000) * 0.5) {
            return "bid does not match bidQty";
        }
        return null;
    }

    private int consistentLegs() throws Exception {
        int n = 0;
        for (LocalDate expiry : List.of(FakeDhan.WEEKLY, FakeDhan.MONTHLY)) {
            JsonNode chain = JSON.readTree(ChaosFixtures.get(http, port, "/options/live?underlying=NIFTY&expiry=" + expiry).body());
            for (JsonNode row : chain.get("strikes")) {
                for (String side : List.of("ce", "pe")) {
                    if (broken(row.get(side)) == null) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static long[] legs() {
        List<Long> ids = new ArrayList<>();
        for (LocalDate expiry : List.of(FakeDhan.WEEKLY, FakeDhan.MONTHLY)) {
            for (int strike : FakeDhan.strikes()) {
                ids.add(FakeDhan.ceId(expiry, strike));
                ids.add(FakeDhan.peId(expiry, strike));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** The weekly legs at 24450, 24500 and 24550: the strikes around the money (the snapshot's spot is 24512). */
    static final long[] HOT = {FakeDhan.ceId(FakeDhan.WEEKLY, 24450), FakeDhan.peId(FakeDhan.WEEKLY, 24450),
            FakeDhan.ceId(FakeDhan.WEEKLY, 24500), FakeDhan.peId(FakeDhan.WEEKLY, 24500),
            FakeDhan.ceId(FakeDhan.WEEKLY, 24550), FakeDhan.peId(FakeDhan.WEEKLY, 24550)};

    /**
     * {@value #PACKETS_PER_FRAME} full packets, each consistent in itself: every other one for a leg around the
     * money, the rest for the legs from {@code from} in turn. Records each leg's last bidQty sent.
     */
    private byte[] frame(int from, long[] counter) {
        byte[][] packets = new byte[PACKETS_PER_FRAME][];
        for (int i = 0; i < PACKETS_PER_FRAME; i++) {
            long n = counter[0]++;
            long id = i % 2 == 0 ? HOT[(int) (n % HOT.length)] : legs[(from + i / 2) % legs.length];
            long bidQty = 1 + n % 1_000_000;
            float bid = 100 + (bidQty % 10_000) * 0.5f;
            packets[i] = ProtocolPackets.full(ExchangeSegment.NSE_FNO, id, bid + 0.25f,
                    1_764_149_462L + n, 2 * bidQty, 3 * bidQty, bid, bidQty, bid + 0.5f, bidQty + 1);
            lastBidQty[legIndex.get(id)] = bidQty;
        }
        return ProtocolPackets.frame(packets);
    }

    private static void send(byte[] frame) {
        dhan.feed.get().send(ByteString.of(frame));
    }

    private void error(String what) {
        if (errors.size() < 20) {
            errors.add(what);
        }
    }
}
