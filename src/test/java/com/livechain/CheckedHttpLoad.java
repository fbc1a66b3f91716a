package com.livechain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.dhan.feed.ProtocolPackets;

/**
 * HTTP load on {@code GET /options/live} that reads and checks every body, beside {@code /actuator/health} on the
 * same server: requests per second and latency percentiles for both, and proof that no body was stale. wrk (the
 * earlier figure) counts responses and never reads one, so it cannot say that.
 *
 * <p>The whole app runs in this JVM in live mode against {@link WeeklyChainDhan} (the NIFTY weekly, 157 strikes,
 * every leg priced, 90 KB bodies). A feed thread sends {@code ticksPerSecond} frames a second, each with known,
 * only-growing values: the spot's price ({@code 26012.35 + 0.05 k}) and the day volume of the first strike's
 * call ({@code 1,200,000 + k}), plus a new price for the at-the-money call (its mid moves the parity forward, so
 * every leg's IV is solved again, as after a real at-the-money tick) and for two random legs. Each of
 * {@code connections} client threads sends GETs back to back on its own keep-alive loopback connection; before
 * each request it reads the spot's and the first call's slots in this JVM: those ticks are applied, so they are
 * acknowledged as visible, and the body must show them or newer. A body that shows an older spot or volume is
 * stale; one that shows a value never sent is wrong; every hundredth body is also parsed whole (157 strikes,
 * every leg with a price, none stale). The run fails (exit 1) on any stale or wrong body or any status but 200.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.CheckedHttpLoad [seconds] [connections] [ticksPerSecond]
 * [rounds]}, defaults 15, 16, 20, 2; at most 120 s per endpoint and round, 64 connections, 5 rounds, 5 000 ticks/s.
 * Each round measures {@code /actuator/health}, then {@code /options/live?underlying=NIFTY}, after an untimed
 * 5-second warm-up of both. The clients share the JVM and the two cores with the server, as wrk shares the
 * machine: read the figures as what the server does with a client beside it.
 */
public final class CheckedHttpLoad {

    static final String LIVE = "/options/live?underlying=NIFTY";
    static final String HEALTH = "/actuator/health";
    private static final long FIRST_VOLUME = 1_200_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CheckedHttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = bounded(args, 0, 15, 1, 120);
        int connections = bounded(args, 1, 16, 1, 64);
        int ticksPerSecond = bounded(args, 2, 20, 1, 5_000);
        int rounds = bounded(args, 3, 2, 1, 5);
        Path store = Files.createTempDirectory("livechain-load-");
        WeeklyChainDhan dhan = new WeeklyChainDhan();
        ConfigurableApplicationContext app = SpringApplication.run(LivechainApplication.class, dhan.appArguments(store));
        boolean clean;
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            ChainCache cache = app.getBean(ChainCache.class);
            Leg spot = cache.index().find(ExchangeSegment.IDX_I.code(), WeeklyChainDhan.NIFTY_ID);
            Leg tracked = cache.index().find(ExchangeSegment.NSE_FNO.code(), WeeklyChainDhan.ceId(WeeklyChainDhan.FIRST_STRIKE));
            dhan.awaitSubscribed();
            for (byte[] frame : WeeklyChainDhan.seed()) {
                dhan.send(frame);
            }
            Ticker ticker = new Ticker(dhan, ticksPerSecond);
            ticker.start();
            try {
                awaitSeeded(port);
                System.out.printf(Locale.ROOT, "%d connections, %d s per endpoint per round, %d rounds, %d ticks/s; "
                        + "%d cores; load average %s%n", connections, seconds, rounds, ticksPerSecond,
                        Runtime.getRuntime().availableProcessors(), loadAverage());
                Checks checks = new Checks(spot, tracked, ticker);
                phase(port, HEALTH, connections, 5, checks);
                phase(port, LIVE, connections, 5, checks);
                System.out.println("| round | endpoint | requests/s | bytes/s | p50 | p90 | p99 | max | bodies checked | stale | wrong | not 200 | load |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                clean = true;
                for (int round = 1; round <= rounds; round++) {
                    for (String path : List.of(HEALTH, LIVE)) {
                        String load = loadAverage();
                        Result r = phase(port, path, connections, seconds, checks);
                        System.out.println(r.row(round, load));
                        clean &= r.stale == 0 && r.wrong == 0 && r.not200 == 0 && r.errors.isEmpty();
                        r.errors.stream().limit(5).forEach(e -> System.out.println("  error: " + e));
                    }
                }
                System.out.printf(Locale.ROOT, "ticks sent: %,d; every body %s%n", ticker.sent.get(),
                        clean ? "showed every tick acknowledged before its request (0 stale)" : "NOT clean: see above");
            } finally {
                ticker.interrupt();
                ticker.join(5_000);
            }
        } finally {
            app.close();
        }
        System.out.flush();
        // MockWebServer waits for the app's feed socket to finish closing; the figures are printed, do not wait.
        System.exit(clean ? 0 : 1);
    }

    private static int bounded(String[] args, int i, int fallback, int min, int max) {
        int value = args.length > i ? Integer.parseInt(args[i]) : fallback;
        if (value < min || value > max) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    private static void awaitSeeded(int port) throws Exception {
        byte[] last = ("\"securityId\":" + WeeklyChainDhan.peId(WeeklyChainDhan.LAST_STRIKE) + ",\"ltp\":")
                .getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + 30_000_000_000L;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            while (http.get(LIVE).indexOf(last, 0) < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the seeded prices never showed");
                }
                Thread.sleep(10);
            }
        }
    }

    /** The feed: known, only-growing values for the spot and the first call, moving prices elsewhere. */
    static final class Ticker extends Thread {
        private final WeeklyChainDhan dhan;
        private final long periodNanos;
        final AtomicLong sent = new AtomicLong();

        Ticker(WeeklyChainDhan dhan, int ticksPerSecond) {
            super("checked-load-ticker");
            setDaemon(true);
            this.dhan = dhan;
            this.periodNanos = 1_000_000_000L / ticksPerSecond;
        }

        static float spotPrice(long k) {
            return (float) (WeeklyChainDhan.SPOT + 0.05 * k);
        }

        @Override
        public void run() {
            SplittableRandom random = new SplittableRandom(13);
            long next = System.nanoTime();
            for (long k = 1; !isInterrupted(); k++) {
                List<byte[]> packets = new ArrayList<>();
                packets.add(ProtocolPackets.ticker(ExchangeSegment.IDX_I, WeeklyChainDhan.NIFTY_ID, spotPrice(k), k));
                byte[] first = WeeklyChainDhan.full(WeeklyChainDhan.ceId(WeeklyChainDhan.FIRST_STRIKE),
                        WeeklyChainDhan.premium(true, WeeklyChainDhan.FIRST_STRIKE), k);
                ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).putInt(22, (int) (FIRST_VOLUME + k));
                packets.add(first);
                packets.add(WeeklyChainDhan.full(WeeklyChainDhan.ceId(26_000),
                        WeeklyChainDhan.premium(true, 26_000) + 0.05 * (k % 20 - 10), k));
                for (int i = 0; i < 2; i++) {
                    // Never the first strike: a full packet there would set the tracked call's volume back to
                    // tick 0 after this frame's marker, and a body rendered between frames would rightly show it.
                    int strike = WeeklyChainDhan.FIRST_STRIKE + WeeklyChainDhan.STEP * random.nextInt(1, WeeklyChainDhan.strikes());
                    boolean call = random.nextBoolean();
                    packets.add(WeeklyChainDhan.full(call ? WeeklyChainDhan.ceId(strike) : WeeklyChainDhan.peId(strike),
                            Math.max(0.10, WeeklyChainDhan.premium(call, strike) + 0.05 * random.nextInt(-3, 4)), k));
                }
                // Counted before it goes: the app may apply and show the frame before this thread runs again.
                sent.set(k);
                dhan.send(ProtocolPackets.frame(packets.toArray(new byte[0][])));
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    /** What a body must show: at least what the slots held when its request was sent, and nothing never sent. */
    static final class Checks {
        private static final byte[] UNDERLYING_LTP = "\"underlying\":{".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] LTP = "\"ltp\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VOLUME = "\"volume\":".getBytes(StandardCharsets.US_ASCII);
        private final Leg spot;
        private final Leg tracked;
        private final Ticker ticker;
        private final byte[] trackedLeg;

        Checks(Leg spot, Leg tracked, Ticker ticker) {
            this.spot = spot;
            this.tracked = tracked;
            this.ticker = ticker;
            this.trackedLeg = ("\"securityId\":" + WeeklyChainDhan.ceId(WeeklyChainDhan.FIRST_STRIKE) + ",")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        /** The tick numbers the slots hold now: {spot, first call}. */
        long[] acknowledged() {
            return new long[] {spotTick(spot.read().ltp()), tracked.read().volume() - FIRST_VOLUME};
        }

        private static long spotTick(double price) {
            return Math.round((price - WeeklyChainDhan.SPOT) / 0.05);
        }

        /** null if the body is right, else what is wrong with it ("stale: ..." or "wrong: ..."). */
        String check(KeepAliveHttp http, long[] floor, boolean parseWhole) {
            long sentBound = ticker.sent.get();
            int u = http.indexOf(UNDERLYING_LTP, 0);
            int ltpAt = u < 0 ? -1 : http.indexOf(LTP, u);
            int legAt = http.indexOf(trackedLeg, 0);
            int volumeAt = legAt < 0 ? -1 : http.indexOf(VOLUME, legAt);
            if (ltpAt < 0 || volumeAt < 0) {
                return "wrong: no spot price or no volume for the first call";
            }
            long spotShown = spotTick(number(http, ltpAt + LTP.length));
            long volumeShown = (long) number(http, volumeAt + VOLUME.length) - FIRST_VOLUME;
            if (spotShown < floor[0] || volumeShown < floor[1]) {
                return "stale: shows spot tick " + spotShown + " and volume tick " + volumeShown
                        + ", while ticks " + floor[0] + " and " + floor[1] + " were applied before the request";
            }
            if (spotShown > sentBound || volumeShown > sentBound) {
                return "wrong: shows tick " + Math.max(spotShown, volumeShown) + ", only " + sentBound + " sent";
            }
            if (parseWhole) {
                JsonNode body = JSON.readTree(http.bodyCopy());
                JsonNode strikes = body.get("strikes");
                if (strikes == null || strikes.size() != WeeklyChainDhan.strikes()) {
                    return "wrong: " + (strikes == null ? "no" : strikes.size()) + " strikes";
                }
                for (JsonNode strike : strikes) {
                    for (String side : new String[] {"ce", "pe"}) {
                        JsonNode leg = strike.get(side);
                        if (leg == null || leg.get("ltp").isNull() || leg.get("stale").asBoolean()) {
                            return "wrong: strike " + strike.get("strike") + " " + side + " " + leg;
                        }
                    }
                }
            }
            return null;
        }

        private static double number(KeepAliveHttp http, int at) {
            byte[] b = http.body();
            int end = at;
            while (end < http.length() && b[end] != ',' && b[end] != '}') {
                end++;
            }
            return Double.parseDouble(new String(b, at, end - at, StandardCharsets.US_ASCII));
        }
    }

    record Result(String path, double seconds, long requests, long bytes, long[] sortedNanos, long checked, long stale,
                  long wrong, long not200, List<String> errors) {

        String row(int round, String load) {
            return String.format(Locale.ROOT, "| %d | %s | %,.0f | %s/s | %s | %s | %s | %s | %s | %d | %d | %d | %s |",
                    round, path, requests / seconds, bytes(bytes / seconds), ms(0.50), ms(0.90), ms(0.99),
                    ms(1.0), path.equals(LIVE) ? String.format(Locale.ROOT, "%,d", checked) : "-", stale, wrong, not200,
                    load);
        }

        private String ms(double q) {
            if (sortedNanos.length == 0) {
                return "-";
            }
            int i = Math.min(sortedNanos.length - 1, Math.max(0, (int) Math.ceil(q * sortedNanos.length) - 1));
            return String.format(Locale.ROOT, "%.2f ms", sortedNanos[i] / 1e6);
        }

        private static String bytes(double perSecond) {
            return perSecond >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", perSecond / 1e9)
                    : perSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", perSecond / 1e6)
                    : String.format(Locale.ROOT, "%.1f KB", perSecond / 1e3);
        }
    }

    /** {@code connections} threads GET {@code path} back to back for {@code seconds}; every live body checked. */
    private static Result phase(int port, String path, int connections, int seconds, Checks checks) throws Exception {
        boolean live = path.equals(LIVE);
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] bytes = new long[connections];
        long[] checked = new long[connections];
        long[] stale = new long[connections];
        long[] wrong = new long[connections];
        long[] not200 = new long[connections];
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int me = c;
            Thread t = new Thread(() -> {
                long[] nanos = new long[1 << 16];
                int n = 0;
                try (KeepAliveHttp http = new KeepAliveHttp(port)) {
                    ready.countDown();
                    go.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long[] floor = live ? checks.acknowledged() : null;
                        long start = System.nanoTime();
                        http.get(path);
                        long took = System.nanoTime() - start;
                        if (n == nanos.length) {
                            nanos = Arrays.copyOf(nanos, 2 * n);
                        }
                        nanos[n++] = took;
                        bytes[me] += http.length();
                        if (http.status() != 200) {
                            not200[me]++;
                            continue;
                        }
                        if (live) {
                            String problem = checks.check(http, floor, n % 100 == 0);
                            checked[me]++;
                            if (problem != null) {
                                if (problem.startsWith("stale")) {
                                    stale[me]++;
                                } else {
                                    wrong[me]++;
                                }
                                if (errors.size() < 20) {
                                    errors.add(problem);
                                }
                            }
                        }
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    errors.add(path + ": " + e);
                } finally {
                    latencies[me] = Arrays.copyOf(nanos, n);
                    counts[me] = n;
                }
            }, "checked-load-" + c);
            threads.add(t);
            t.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread t : threads) {
            t.join(seconds * 1_000L + 60_000);
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        long[] all = Arrays.stream(latencies).filter(java.util.Objects::nonNull).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Result(path, elapsed, Arrays.stream(counts).asLongStream().sum(), Arrays.stream(bytes).sum(), all,
                Arrays.stream(checked).sum(), Arrays.stream(stale).sum(), Arrays.stream(wrong).sum(),
                Arrays.stream(not200).sum(), errors);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
