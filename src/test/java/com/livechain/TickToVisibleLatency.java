package com.livechain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.dhan.feed.ProtocolPackets;

/**
 * Tick to visible: how long from a feed frame written by Dhan (here {@link WeeklyChainDhan} on loopback) until
 * {@code GET /options/live} shows it. Starts the whole application in live mode against the fake, whose NIFTY
 * weekly is the simulator's (157 strikes, every leg priced, 90 KB bodies), then, per sample: write one full
 * packet for the at-the-money call (26000 CE) with a day volume never sent before and a price a tick or so
 * away from the last (its mid moves, so the parity forward moves and every leg's IV is solved again: the
 * dearest render a tick can cause), take the time, and read the chain back to back over one keep-alive
 * connection until a body carries the volume. The figure includes the WebSocket hop, the decode, the
 * re-render the tick forces (the body cache must not serve the old one) and the HTTP exchange that shows it.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.TickToVisibleLatency [samples] [strikes]}
 * ({@code strikes} = the window each side of ATM, {@code all} for the whole chain). Not a test: it
 * asserts nothing and prints percentiles.
 */
public final class TickToVisibleLatency {

    /** Samples before the measured ones ({@code -Dlivechain.latency.warmup}, for a quick smoke run). */
    private static final int WARMUP_SAMPLES = Integer.getInteger("livechain.latency.warmup", 30_000);
    private static final long POLL_NANOS = 10_000;
    private static final int ATM = 26_000;

    private TickToVisibleLatency() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String window = args.length > 1 ? args[1] : "all";
        Path store = Files.createTempDirectory("livechain-latency-");
        WeeklyChainDhan dhan = new WeeklyChainDhan();
        {
            ConfigurableApplicationContext app = SpringApplication.run(LivechainApplication.class,
                    dhan.appArguments(store));
            try {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String path = "/options/live?underlying=NIFTY" + (window.equals("all") ? "" : "&strikes=" + window);
                Leg leg = app.getBean(ChainCache.class).index()
                        .find(ExchangeSegment.NSE_FNO.code(), WeeklyChainDhan.ceId(ATM));
                run(dhan, port, path, samples, window, leg);
            } finally {
                app.close();
            }
        }
        // MockWebServer waits for the app's feed socket to finish closing; the figures are printed, do not wait.
        System.out.flush();
        System.exit(0);
    }

    /** The at-the-money call's n-th tick: a price within a few ticks of its seed, and day volume n past the seed's. */
    private static byte[] tick(long n) {
        double price = WeeklyChainDhan.premium(true, ATM) + 0.05 * (n % 20 - 10);
        byte[] full = WeeklyChainDhan.full(WeeklyChainDhan.ceId(ATM), price, 1L);
        ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).putInt(22, (int) (1_200_000 + n));
        return ProtocolPackets.frame(full);
    }

    private static void run(WeeklyChainDhan dhan, int port, String path, int samples, String window, Leg leg)
            throws Exception {
        dhan.awaitSubscribed();
        for (byte[] frame : WeeklyChainDhan.seed()) {
            dhan.send(frame);
        }
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            // Every leg priced before the first sample: the last seeded leg's volume is in the body.
            long deadline = System.nanoTime() + 30_000_000_000L;
            byte[] seeded = ("\"securityId\":" + WeeklyChainDhan.peId(WeeklyChainDhan.LAST_STRIKE) + ",\"ltp\":")
                    .getBytes(StandardCharsets.US_ASCII);
            while (http.get("/options/live?underlying=NIFTY").indexOf(seeded, 0) < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the seed never showed");
                }
                Thread.sleep(10);
            }
            // Warm up long enough for C2 to finish compiling the request path: on two cores a compile in the
            // background takes a core from the threads being measured. A server runs for hours; this is its
            // steady state, not its first seconds.
            int warmup = WARMUP_SAMPLES;
            long[] nanos = new long[samples];
            long[] feedNanos = new long[samples];
            long[] readNanos = new long[samples];
            long bytes = 0;
            long reads = 0;
            long n = 0;
            // Where the leg's volume was in the last body: the next search starts a little before it, so the
            // client does not scan 45 KB of every body for it (that would be the client's time, not the server's).
            int hint = 0;
            for (int i = -warmup; i < samples; i++) {
                // Each sample's volume is new, so only a fresh body can show it.
                n++;
                byte[] needle = ("\"volume\":" + (1_200_000 + n) + ",").getBytes(StandardCharsets.US_ASCII);
                byte[] frame = tick(n);
                long start = System.nanoTime();
                dhan.send(frame);
                while (true) {
                    http.get(path);
                    reads++;
                    bytes += http.length();
                    int at = http.indexOf(needle, hint - 512);
                    if (at < 0 && hint > 512) {
                        at = http.indexOf(needle, 0);
                    }
                    if (at >= 0) {
                        hint = at;
                        break;
                    }
                    if (System.nanoTime() - start > 5_000_000_000L) {
                        throw new IllegalStateException("volume " + (1_200_000 + n) + " never showed");
                    }
                }
                long took = System.nanoTime() - start;
                if (i >= 0) {
                    nanos[i] = took;
                }
                // The two parts apart, with the next tick: frame to slot (watching the leg's counter in this
                // JVM), then one read that must re-render.
                n++;
                long version = leg.version();
                frame = tick(n);
                long sent = System.nanoTime();
                dhan.send(frame);
                // Poll rather than spin: a spinning thread would hold one of the two cores the hop needs.
                while (leg.version() == version) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
                long applied = System.nanoTime();
                http.get(path);
                long read = System.nanoTime();
                if (i >= 0) {
                    feedNanos[i] = applied - sent;
                    readNanos[i] = read - applied;
                }
                // Ticks do not come back to back; let the threads settle as between real ticks. (parkNanos, since
                // Thread.sleep(0, n) sleeps a whole millisecond on Java 17.)
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000, 1_000_000));
            }
            System.out.printf("strikes=%s, %d samples, %d bytes per body, %.2f reads per sample%n",
                    window, samples, bytes / reads, reads / (double) (samples + warmup));
            print("frame written -> value seen in GET", nanos);
            print("  part: frame written -> leg updated", feedNanos);
            print("  part: leg updated -> GET answered (re-render)", readNanos);
        }
    }

    /** Prints the percentiles of {@code nanos} (sorted in place) in milliseconds; {@link WakeUpLatency} uses it too. */
    static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-48s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  max %7.3f ms%n",
                what, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), ms(nanos, 0.999), nanos[nanos.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
