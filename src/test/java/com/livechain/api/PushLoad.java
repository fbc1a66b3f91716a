package com.livechain.api;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on {@code /ws/options}: N browser-like clients on loopback for a bounded time, then the
 * figures for {@code docs/performance.md}. Not a test (surefire never runs it). Run it against a
 * server started separately:
 *
 * <pre>
 * ./mvnw -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -jar target/livechain.jar --livechain.mode=simulated --server.port=8080 &amp;
 * java -cp target/test-classes:$(cat target/test-classpath.txt) com.livechain.api.PushLoad \
 *      http://127.0.0.1:8080 500 30 NIFTY
 * </pre>
 *
 * Arguments: base URL, clients, seconds (at most 300), and the underlyings to spread the clients
 * over (default NIFTY). The clients are OkHttp WebSockets, which offer permessage-deflate as
 * browsers do: whether it is used is the server's {@code livechain.push.compression}. The server's
 * CPU comes from its own {@code process_cpu_time_ns_total} on {@code /actuator/prometheus}, read
 * before and after, so the clients' CPU is not counted in it.
 * Latency is receive time minus the message's {@code asOf} (the moment the server rendered it):
 * serialisation, the send queue and loopback, on one clock.
 */
public final class PushLoad {

    private static final Pattern AS_OF = Pattern.compile("\"asOf\":\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("^\\{\"type\":\"(\\w+)\"");

    private PushLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = Math.min(300, args.length > 2 ? Integer.parseInt(args[2]) : 30);
        List<String> underlyings = args.length > 3 ? Arrays.asList(args[3].split(",")) : List.of("NIFTY");
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("Loopback only: " + base);
        }

        HttpClient http = HttpClient.newHttpClient();
        double cpuBefore = serverCpuSeconds(http, base);
        long loadCpuBefore = ownCpuNanos();
        Stats stats = new Stats();
        List<Client> all = new ArrayList<>();
        URI ws = URI.create("ws://" + base.getAuthority() + "/ws/options");
        okhttp3.OkHttpClient okhttp = new okhttp3.OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        okhttp.dispatcher().setMaxRequests(clients + 10);
        okhttp.dispatcher().setMaxRequestsPerHost(clients + 10);
        List<CompletableFuture<?>> connecting = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(stats, underlyings.get(i % underlyings.size()));
            all.add(client);
            okhttp.newWebSocket(new okhttp3.Request.Builder().url(ws.toString()).build(), client);
            connecting.add(client.opened);
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long connected = System.nanoTime();
        System.out.printf(Locale.ROOT, "%d clients connected (permessage-deflate %s); measuring for %d s%n", clients,
                !all.isEmpty() && all.get(0).deflate ? "negotiated" : "not negotiated", seconds);

        // Skip the snapshots and the first second of deltas: measure the steady state.
        Thread.sleep(2_000);
        stats.reset();
        double cpuStart = serverCpuSeconds(http, base);
        double[] lagStart = serverLag(http, base);
        long loadCpuStart = ownCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        long elapsed = System.nanoTime() - start;
        double cpuEnd = serverCpuSeconds(http, base);
        double[] lagEnd = serverLag(http, base);
        long loadCpuEnd = ownCpuNanos();
        Stats.Snapshot s = stats.snapshot();
        int openAtEnd = stats.open.get();
        int closedByServer = stats.closed.get();
        stats.ending = true;
        for (Client client : all) {
            client.close();
        }

        double secs = elapsed / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "clients           %d (%d open at the end, %d closed by the server)%n",
                clients, openAtEnd, closedByServer);
        clients = Math.max(1, clients);
        System.out.printf(Locale.ROOT, "window            %.1f s (after a 2 s warm-up; %.1f s since connect)%n",
                secs, (System.nanoTime() - connected) / 1e9);
        System.out.printf(Locale.ROOT, "messages          %d = %.0f/s in total, %.2f/s per client%n",
                s.messages, s.messages / secs, s.messages / secs / clients);
        System.out.printf(Locale.ROOT, "bytes             %.1f MB/s in total, %.0f B per message%n",
                s.chars / secs / 1e6, s.messages == 0 ? 0.0 : (double) s.chars / s.messages);
        System.out.printf(Locale.ROOT, "latency (asOf->)  p50 %d ms, p99 %d ms, max %d ms%n",
                s.percentileMillis(0.50), s.percentileMillis(0.99), s.maxMillis);
        double lagCount = lagEnd[1] - lagStart[1];
        System.out.printf(Locale.ROOT, "server push lag   mean %.1f ms from render to written (livechain_push_lag_seconds)%n",
                lagCount > 0 ? (lagEnd[0] - lagStart[0]) / lagCount * 1000 : Double.NaN);
        if (!Double.isNaN(cpuStart) && !Double.isNaN(cpuEnd)) {
            double used = cpuEnd - cpuStart;
            System.out.printf(Locale.ROOT, "server CPU        %.2f cores (%.0f%% of %d), %.1f µs per message%n",
                    used / secs, 100 * used / secs / cores, cores, s.messages == 0 ? 0.0 : used / s.messages * 1e6);
        } else {
            System.out.println("server CPU        unknown (no process_cpu_time_ns_total on /actuator/prometheus)");
        }
        System.out.printf(Locale.ROOT, "load-tool CPU     %.2f cores (clients on the same machine)%n",
                (loadCpuEnd - loadCpuStart) / 1e9 / secs);
        System.out.printf(Locale.ROOT, "whole run         server %.1f CPU-s, load tool %.1f CPU-s%n",
                cpuEnd - cpuBefore, (loadCpuEnd - loadCpuBefore) / 1e9);
        System.exit(0);
    }

    private static double serverCpuSeconds(HttpClient http, URI base) {
        try {
            String body = http.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^process_cpu_time_ns_total(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) / 1e9 : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Sum and count of the server's render-to-written timer. */
    private static double[] serverLag(HttpClient http, URI base) {
        try {
            String body = http.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher sum = Pattern.compile("(?m)^livechain_push_lag_seconds_sum(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
            Matcher count = Pattern.compile("(?m)^livechain_push_lag_seconds_count(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
            return new double[] {sum.find() ? Double.parseDouble(sum.group(1)) : 0, count.find() ? Double.parseDouble(count.group(1)) : 0};
        } catch (Exception e) {
            return new double[] {0, 0};
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static final class Stats {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        /** The run is over and the clients are being dropped: failures from here on are ours. */
        volatile boolean ending;
        private final AtomicLong messages = new AtomicLong();
        private final AtomicLong chars = new AtomicLong();
        private final AtomicLong maxMillis = new AtomicLong();
        /** Latency histogram in 1 ms buckets up to 10 s. */
        private final AtomicLong[] latency = new AtomicLong[10_001];

        Stats() {
            for (int i = 0; i < latency.length; i++) {
                latency[i] = new AtomicLong();
            }
        }

        void record(int length, long latencyMillis) {
            messages.incrementAndGet();
            chars.addAndGet(length);
            if (latencyMillis >= 0) {
                latency[(int) Math.min(latency.length - 1, latencyMillis)].incrementAndGet();
                maxMillis.accumulateAndGet(latencyMillis, Math::max);
            }
        }

        void reset() {
            messages.set(0);
            chars.set(0);
            maxMillis.set(0);
            for (AtomicLong bucket : latency) {
                bucket.set(0);
            }
        }

        Snapshot snapshot() {
            long[] buckets = new long[latency.length];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = latency[i].get();
            }
            return new Snapshot(messages.get(), chars.get(), maxMillis.get(), buckets);
        }

        record Snapshot(long messages, long chars, long maxMillis, long[] buckets) {
            long percentileMillis(double p) {
                long total = Arrays.stream(buckets).sum();
                long seen = 0;
                for (int i = 0; i < buckets.length; i++) {
                    seen += buckets[i];
                    if (total > 0 && seen >= p * total) {
                        return i;
                    }
                }
                return -1;
            }
        }
    }

    /** One browser stand-in: subscribes on open, counts what arrives, reads as fast as it can. */
    private static final class Client extends okhttp3.WebSocketListener {
        private final Stats stats;
        private final String underlying;
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        volatile boolean deflate;
        private volatile okhttp3.WebSocket socket;

        Client(Stats stats, String underlying) {
            this.stats = stats;
            this.underlying = underlying;
        }

        @Override
        public void onOpen(okhttp3.WebSocket webSocket, okhttp3.Response response) {
            socket = webSocket;
            deflate = String.valueOf(response.header("Sec-WebSocket-Extensions")).contains("permessage-deflate");
            stats.open.incrementAndGet();
            webSocket.send("{\"underlying\":\"" + underlying + "\"}");
            opened.complete(null);
        }

        @Override
        public void onMessage(okhttp3.WebSocket webSocket, String message) {
            long now = System.currentTimeMillis();
            // Only the head of the message is looked at: parsing all of it would measure the client.
            CharSequence head = message.subSequence(0, Math.min(200, message.length()));
            Matcher type = TYPE.matcher(head);
            long latency = -1;
            if (type.find() && type.group(1).equals("delta")) {
                Matcher asOf = AS_OF.matcher(head);
                if (asOf.find()) {
                    latency = now - OffsetDateTime.parse(asOf.group(1)).toInstant().toEpochMilli();
                }
            }
            stats.record(message.length(), latency);
        }

        @Override
        public void onClosing(okhttp3.WebSocket webSocket, int code, String reason) {
            if (!stats.ending) {
                stats.open.decrementAndGet();
                stats.closed.incrementAndGet();
                System.out.printf(Locale.ROOT, "closed by the server: %d %s%n", code, reason);
            }
        }

        @Override
        public void onFailure(okhttp3.WebSocket webSocket, Throwable t, okhttp3.Response response) {
            opened.completeExceptionally(t);
            if (!stats.ending) {
                stats.open.decrementAndGet();
                System.out.println("client error: " + t);
            }
        }

        void close() {
            if (socket != null) {
                socket.cancel();
            }
        }
    }
}
