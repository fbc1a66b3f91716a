package com.livechain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 * Tick to visible: how long from a feed frame written by Dhan (here {@link FakeDhan} on loopback) until
 * {@code GET /options/live} shows its price. Starts the whole application in live mode against the fake,
 * then, per sample: write one ticker frame with a price never sent before for the 24500 call, take the
 * time, and read the chain back to back over one keep-alive connection until a body carries the price.
 * The figure includes the WebSocket hop, the decode, the re-render the tick forces (the body cache must
 * not serve the old one) and the HTTP exchange that shows it.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.TickToVisibleLatency [samples] [strikes]}
 * ({@code strikes} = the window each side of ATM, {@code all} for the whole chain). Not a test: it
 * asserts nothing and prints percentiles.
 */
public final class TickToVisibleLatency {

    private static final int WARMUP_SAMPLES = 30_000;
    private static final long POLL_NANOS = 10_000;

    private TickToVisibleLatency() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String window = args.length > 1 ? args[1] : "all";
        Path store = Files.createTempDirectory("livechain-latency-");
        FakeDhan dhan = new FakeDhan();
        {
            ConfigurableApplicationContext app = SpringApplication.run(LivechainApplication.class,
                    "--server.port=0", "--livechain.mode=live", "--livechain.underlyings=NIFTY",
                    "--livechain.dhan.client-id=" + FakeDhan.CLIENT_ID,
                    "--livechain.dhan.access-token=" + FakeDhan.TOKEN,
                    "--livechain.dhan.rest-url=" + dhan.restUrl(),
                    "--livechain.dhan.instruments-url=" + dhan.instrumentsUrl(),
                    "--livechain.dhan.feed-url=" + dhan.feedUrl(),
                    "--livechain.credentials.db=" + store.resolve("credentials.db"),
                    "--logging.level.root=WARN");
            try {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String path = "/options/live?underlying=NIFTY" + (window.equals("all") ? "" : "&strikes=" + window);
                Leg leg = app.getBean(ChainCache.class).index()
                        .find(ExchangeSegment.NSE_FNO.code(), FakeDhan.ceId(FakeDhan.WEEKLY, 24500));
                run(dhan, port, path, samples, window, leg);
            } finally {
                app.close();
            }
        }
        // MockWebServer waits for the app's feed socket to finish closing; the figures are printed, do not wait.
        System.out.flush();
        System.exit(0);
    }

    private static void run(FakeDhan dhan, int port, String path, int samples, String window, Leg leg)
            throws Exception {
        long id = FakeDhan.ceId(FakeDhan.WEEKLY, 24500);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (dhan.feed.get() == null || dhan.subscriptions.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feed never subscribed");
            }
            Thread.sleep(10);
        }
        // The spot, so the ATM window centres on 24500.
        dhan.send(ProtocolPackets.frame(ProtocolPackets.ticker(ExchangeSegment.IDX_I, FakeDhan.NIFTY_ID, 24512.35f, 1L)));
        try (Http http = new Http(port)) {
            // Warm up long enough for C2 to finish compiling the request path: on two cores a compile in the
            // background takes a core from the threads being measured. A server runs for hours; this is its
            // steady state, not its first seconds.
            int warmup = Math.max(WARMUP_SAMPLES, samples / 5);
            long[] nanos = new long[samples];
            long[] feedNanos = new long[samples];
            long[] readNanos = new long[samples];
            long bytes = 0;
            long reads = 0;
            for (int i = -warmup; i < samples; i++) {
                // Prices 100.05, 100.10, ...: each sample's price is new, so only a fresh body can show it.
                long paise = 10_005 + 10 * (i + warmup);
                float price = paise / 100f;
                byte[] needle = ("\"securityId\":" + id + ",\"ltp\":" + (paise / 100.0) + ",")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] frame = ProtocolPackets.frame(ProtocolPackets.ticker(ExchangeSegment.NSE_FNO, id, price, 1L));
                long start = System.nanoTime();
                dhan.send(frame);
                while (true) {
                    byte[] body = http.get(path);
                    reads++;
                    bytes += body.length;
                    if (contains(body, needle)) {
                        break;
                    }
                    if (System.nanoTime() - start > 5_000_000_000L) {
                        throw new IllegalStateException("price " + (paise / 100.0) + " never showed");
                    }
                }
                long took = System.nanoTime() - start;
                if (i >= 0) {
                    nanos[i] = took;
                }
                // The two parts apart, with the next price: frame to slot (watching the leg's counter in this
                // JVM), then one read that must re-render.
                paise += 2_500_000;
                long version = leg.version();
                long sent = System.nanoTime();
                dhan.send(ProtocolPackets.frame(ProtocolPackets.ticker(ExchangeSegment.NSE_FNO, id, paise / 100f, 1L)));
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

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * HTTP/1.1 GET over a keep-alive socket: the least client overhead between two reads. Tomcat closes a
     * connection after 100 requests ({@code Connection: close}); the next request opens a new one.
     */
    private static final class Http implements AutoCloseable {
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Http(int port) throws IOException {
            this.port = port;
            open();
        }

        private void open() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        byte[] get(String path) throws IOException {
            if (socket.isClosed()) {
                open();
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            String status = line();
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("GET " + path + " answered " + status);
            }
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (!chunked) {
                byte[] body = in.readNBytes(length);
                if (close) {
                    socket.close();
                }
                return body;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
            if (close) {
                socket.close();
            }
            return body.toByteArray();
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
