package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ChainCache;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.feed.FeedClient;
import com.livechain.dhan.feed.FeedMetrics;

/**
 * Chaos on the live feed: the whole app in live mode, its credentials in the encrypted store, against the
 * Dhan simulator on loopback ({@link LiveAgainstSimulator}), whose faults break the feed while two readers poll
 * {@code GET /options/live}.
 * In turn: the connection dropped at random moments (10 here, {@code -Dlivechain.chaos.drops=100} for the
 * full run), a stall (open, no frames, no pongs), a disconnect packet for each code Dhan documents, refused
 * handshakes, and a token that expires and is renewed in the credential store while the app runs.
 *
 * <p>Each time the feed must come back with backoff and every instrument resubscribed, health must say why
 * it is down, token errors must not cause a reconnect storm, and the renewed token must be used without a
 * restart. Throughout, no response may show a price as fresh that is not: older than {@code stale-after},
 * or from before the current connection was subscribed. The figures are printed and written to
 * {@code target/reliability/chaos.txt}.
 *
 * <p>Run alone: {@code ./mvnw -B test -Dtest=FeedChaosEndToEndTest [-Dlivechain.chaos.drops=100]}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedChaosEndToEndTest extends LiveAgainstSimulator {

    static final int DROPS = Integer.getInteger("livechain.chaos.drops", 10);
    /** Codes Dhan documents as feed disconnect reasons (protocol §1.6, Data API annexure). */
    static final int[] DISCONNECT_CODES = {800, 804, 805, 806, 807, 808, 809, 810, 811, 812, 813, 814};

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    FeedClient feed;

    @Autowired
    FeedMetrics metrics;

    @Autowired
    ChainCache cache;

    private final SplittableRandom random = new SplittableRandom(Long.getLong("livechain.chaos.seed", 7L));
    private final AtomicInteger disruptions = new AtomicInteger();
    private volatile long lastDisruptionMillis = Long.MIN_VALUE;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final LongAdder responses = new LongAdder();
    private final LongAdder pricesChecked = new LongAdder();
    private final LongAdder freshShown = new LongAdder();
    private final LongAdder freshAfterReconnect = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final List<String> reasonsSeen = new CopyOnWriteArrayList<>();
    private final StringBuilder report = new StringBuilder();

    @Test
    void theFeedSurvivesDropsStallsDisconnectsRefusalsAndATokenRenewal(CapturedOutput output) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(feed::isUp);
        int instruments = cache.index().options().size() + cache.index().underlyings().size();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = List.of(
                new Thread(() -> read(running), "chaos-reader-1"),
                new Thread(() -> read(running), "chaos-reader-2"),
                new Thread(() -> watchReasons(running), "chaos-reasons"));
        threads.forEach(Thread::start);
        long started = System.nanoTime();
        try {
            line("Feed chaos against the Dhan simulator: %d instruments (NIFTY legs + index), stale-after 1 s, "
                    + "stall-after 600 ms, reconnect 20-300 ms, auth-retry 250 ms", instruments);
            drops(instruments);
            stall();
            disconnectCodes(output);
            refusedHandshakes(output);
            tokenRenewedInTheStore();
            wrongStoreKey();
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
        line("Readers: %,d responses (status %s), %,d prices checked, %,d shown fresh (%,d of them over a connection "
                        + "made after a fault, checked to be newer than it), %d freshness violations; %.1f s in all",
                responses.sum(), statuses, pricesChecked.sum(), freshShown.sum(), freshAfterReconnect.sum(),
                violations.size(),
                (System.nanoTime() - started) / 1e9);
        writeReport();

        assertThat(violations).as("prices shown fresh that were not").isEmpty();
        assertThat(statuses.keySet()).as("response statuses").containsOnly(200);
        assertThat(responses.sum()).isPositive();
        assertThat(freshShown.sum()).as("the readers saw live prices too").isPositive();
        String logs = output.getAll();
        for (String token : tokens()) {
            assertThat(logs).doesNotContain(token);
            assertThat(get("/actuator/health").body()).doesNotContain(token);
            assertThat(get("/actuator/prometheus").body()).doesNotContain(token);
        }
    }

    private void drops(int instruments) {
        List<Long> recoveries = new ArrayList<>();
        int whileUp = 0;
        int justSubscribed = 0;
        int whileConnecting = 0;
        long reconnectsBefore = metrics.reconnects();
        long acceptedBefore = dhan.counters().connectionsAccepted();
        boolean quick = false;
        for (int i = 0; i < DROPS; ) {
            if (quick) {
                // Straight after the next handshake: the client is still subscribing, or has only just sent it.
                long acceptedAtDrop = dhan.counters().connectionsAccepted();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                        .until(() -> dhan.counters().connectionsAccepted() > acceptedAtDrop && dhan.feedConnections() > 0);
            } else {
                await().atMost(Duration.ofSeconds(10)).until(() -> dhan.feedConnections() > 0);
                sleep(20 + random.nextInt(300));
            }
            boolean wasUp = feed.isUp();
            long upFor = CLOCK.millis() - feed.upSinceMillis();
            long subscribedBefore = dhan.counters().requestInstruments(21) + dhan.counters().requestInstruments(15);
            long at = disrupt();
            if (dhan.faults().drop() == 0) {
                continue;
            }
            i++;
            if (!wasUp) {
                whileConnecting++;
            } else if (upFor < 10) {
                justSubscribed++;
            } else {
                whileUp++;
            }
            // One drop in four is followed by another as soon as the client has reconnected.
            quick = i < DROPS && random.nextInt(4) == 0;
            if (quick) {
                continue;
            }
            recoveries.add(awaitUpSince(at, Duration.ofSeconds(10)));
            int drop = i;
            // The simulator counts a subscription when it has read it, a moment after the client sent it.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dhan.counters().requestInstruments(21)
                    + dhan.counters().requestInstruments(15) - subscribedBefore)
                    .as("instruments resubscribed after drop %d", drop).isGreaterThanOrEqualTo(instruments));
            assertThat(feed.subscribedInstruments()).isEqualTo(instruments);
        }
        long attempts = metrics.reconnects() - reconnectsBefore;
        long handshakes = dhan.counters().connectionsAccepted() - acceptedBefore;
        Collections.sort(recoveries);
        line("Drops: %d (%d of a connection up for 10 ms or more, %d within 10 ms of its subscription, %d before the "
                        + "client counted it up); %d reconnect attempts, "
                        + "%d handshakes; every reconnect resubscribed all %d instruments; time back up (drops not followed at once by "
                        + "another): min %d ms, "
                        + "median %d ms, p90 %d ms, max %d ms",
                DROPS, whileUp, justSubscribed, whileConnecting, attempts, handshakes, instruments, recoveries.get(0),
                percentile(recoveries, 50), percentile(recoveries, 90), recoveries.get(recoveries.size() - 1));
        assertThat(attempts).as("reconnect attempts for %d drops", DROPS).isBetween((long) DROPS, 3L * DROPS + 5);
        awaitFreshPrice();
    }

    private void stall() {
        long stallsBefore = metrics.stalls();
        long started = System.nanoTime();
        long at = disrupt();
        assertThat(dhan.faults().stall(Duration.ofSeconds(5))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.stalls() > stallsBefore);
        long detected = (System.nanoTime() - started) / 1_000_000;
        long recovered = awaitUpSince(at, Duration.ofSeconds(10));
        dhan.faults().clear();
        assertThat(detected).as("stall found after stall-after").isBetween(600L, 5_000L);
        assertThat(reasonsSeen).anyMatch(r -> r.startsWith("stalled: open but no data for 600 ms"));
        line("Stall (no frames, no pongs for 5 s): found by the watchdog after %d ms (stall-after 600 ms), "
                + "back up %d ms after the stall began; stalls counted: %d", detected, recovered,
                metrics.stalls() - stallsBefore);
        awaitFreshPrice();
    }

    private void disconnectCodes(CapturedOutput output) {
        line("Disconnect packets (code: first reconnect after, back up after, reason):");
        for (int code : DISCONNECT_CODES) {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.isUp() && dhan.feedConnections() == 1);
            long accepted = dhan.counters().connectionsAccepted();
            long started = System.nanoTime();
            long at = disrupt();
            assertThat(dhan.faults().disconnect(code)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> dhan.counters().connectionsAccepted() > accepted);
            long gap = (System.nanoTime() - started) / 1_000_000;
            long recovered = awaitUpSince(at, Duration.ofSeconds(10));
            String[] logged = await().atMost(Duration.ofSeconds(5)).until(() -> logReason(output, code), r -> r != null);
            String reason = logged[0];
            String plan = logged[1];
            line("  %d: %d ms, %d ms, \"%s\"; %s", code, gap, recovered, reason, plan);
            // The plan the client logged says which backoff it chose; the gap, measured from outside, must agree
            // (as a lower bound: on a busy machine every delay only grows).
            if (code == 805) {
                // Too many connections: at least reconnect-max, so two clients on one account do not evict each other.
                assertThat(plan).startsWith("reconnecting in ");
                assertThat(Long.parseLong(plan.replaceAll("\\D", ""))).isGreaterThanOrEqualTo(RECONNECT_MAX_MILLIS);
                assertThat(gap).as("805 backs off").isGreaterThanOrEqualTo(RECONNECT_MAX_MILLIS - 5);
            } else if (code == 800) {
                // A server-side error: reconnect with the ordinary backoff, which starts small.
                assertThat(plan).startsWith("reconnecting in ");
                assertThat(Long.parseLong(plan.replaceAll("\\D", ""))).isLessThanOrEqualTo(RECONNECT_MAX_MILLIS);
            } else {
                // Our credentials or request were refused: retrying at once would be refused again.
                assertThat(plan).isEqualTo("retrying every 250 ms with freshly read credentials");
                assertThat(gap).as("%d waits auth-retry", code).isGreaterThanOrEqualTo(AUTH_RETRY_MILLIS - 5);
            }
        }
        String scrape = get("/actuator/prometheus").body();
        for (int code : DISCONNECT_CODES) {
            assertThat(sample(scrape, "livechain_feed_disconnects_total{code=\"" + code + "\"}"))
                    .as("disconnects counted for %d", code).isEqualTo(1.0);
        }
        awaitFreshPrice();
    }

    private void refusedHandshakes(CapturedOutput output) {
        long refusedBefore = dhan.counters().connectionsRefused();
        long window = 2_000;
        dhan.faults().rejectConnections(Duration.ofMillis(window));
        long at = disrupt();
        long started = System.nanoTime();
        assertThat(dhan.faults().drop()).isEqualTo(1);
        long recovered = awaitUpSince(at, Duration.ofSeconds(10));
        long refused = dhan.counters().connectionsRefused() - refusedBefore;
        assertThat(recovered).as("up again once handshakes are accepted").isGreaterThanOrEqualTo(window - 50);
        // Full jitter up to 300 ms averages 150 ms a wait once the steps reach the cap: ~15 tries in 2 s, not hundreds.
        assertThat(refused).as("handshakes refused in %d ms", window).isBetween(3L, 40L);
        assertThat(output.getAll()).contains("handshake refused (HTTP 503)");
        line("Refused handshakes (HTTP 503 for %d ms): %d attempts refused (%.0f ms apart on average), back up "
                        + "%d ms after the drop (%d ms after the refusals ended)",
                window, refused, (double) window / refused, recovered, recovered - window);
        awaitFreshPrice();
    }

    private void tokenRenewedInTheStore() throws Exception {
        long acceptedBefore = dhan.counters().connectionsAccepted();
        long authFailuresBefore = dhan.counters().authFailures();
        long started = System.nanoTime();
        long at = disrupt();
        DhanCredentials renewed = dhan.faults().rotateToken();
        // Health says why, once the feed has been down longer than stale-after.
        JsonNode feedHealth = await().atMost(Duration.ofSeconds(5)).until(
                () -> JSON.readTree(get("/actuator/health").body()).path("components").path("feed"),
                f -> f.path("details").path("reason").asString().contains("token expired (807)")
                        && f.path("details").path("state").asString().equals("down"));
        sleep(Math.max(0, 2_000 - (System.nanoTime() - started) / 1_000_000));
        long expiredWindow = (System.nanoTime() - started) / 1_000_000;
        long attempts = dhan.counters().connectionsAccepted() - acceptedBefore;
        long rejected = dhan.counters().authFailures() - authFailuresBefore;
        assertThat(feed.isUp()).isFalse();
        // Every auth-retry, not every reconnect-min: a storm would be ~100 handshakes in 2 s.
        assertThat(attempts).as("handshakes with the expired token in %d ms", expiredWindow)
                .isBetween(2L, expiredWindow / AUTH_RETRY_MILLIS + 2);

        long savedAt = CLOCK.millis();
        store.save(renewed);
        long recovered = awaitUpSince(savedAt, Duration.ofSeconds(10));
        long authFailuresAfterRenewal = dhan.counters().authFailures();
        assertThat(recovered).as("renewed token used without a restart").isLessThan(AUTH_RETRY_MILLIS + 4_000);
        awaitFreshPrice();
        assertThat(dhan.counters().authFailures()).as("no attempt with the old token after the renewal")
                .isEqualTo(authFailuresAfterRenewal);
        assertThat(JSON.readTree(get("/actuator/health").body()).path("components").path("feed").path("details")
                .path("state").asString()).isEqualTo("up");
        line("Token expired (807) and renewed in the credential store after %d ms: %d handshakes meanwhile "
                        + "(%d answered 807; auth-retry 250 ms), health said \"%s\" (%s); back up %d ms after the "
                        + "store was written, same FeedClient, no restart",
                expiredWindow, attempts, rejected, feedHealth.path("details").path("reason").asString(),
                feedHealth.path("status").asString(), recovered);
    }

    /**
     * The store's key replaced under the running app (a botched key rotation): the next reconnect cannot decrypt
     * the token. The feed stays down saying so, retrying slowly, the chain is still served (stale), nothing
     * crashes; with the right key back it reconnects by itself.
     */
    private void wrongStoreKey() throws Exception {
        Path keyFile = store.keyFile();
        if (System.getenv("LIVECHAIN_CREDENTIALS_KEY") != null || !Files.exists(keyFile)) {
            line("Wrong key: skipped, LIVECHAIN_CREDENTIALS_KEY is set in this environment");
            return;
        }
        byte[] key = Files.readAllBytes(keyFile);
        byte[] other = new byte[32];
        random.nextBytes(other);
        Files.write(keyFile, (java.util.Base64.getEncoder().encodeToString(other) + "\n").getBytes());
        long at = disrupt();
        long accepted = dhan.counters().connectionsAccepted();
        String reason;
        try {
            assertThat(dhan.faults().drop()).isEqualTo(1);
            JsonNode feedHealth = await().atMost(Duration.ofSeconds(5)).until(
                    () -> JSON.readTree(get("/actuator/health").body()).path("components").path("feed"),
                    f -> f.path("details").path("state").asString().equals("down"));
            reason = feedHealth.path("details").path("reason").asString();
            assertThat(reason).startsWith("cannot read the Dhan credentials: ")
                    .contains("cannot be decrypted with the configured key");
            assertThat(get("/options/live?underlying=NIFTY&strikes=1").statusCode()).isEqualTo(200);
            assertThat(dhan.counters().connectionsAccepted()).as("no handshake without credentials").isEqualTo(accepted);
        } finally {
            Files.write(keyFile, key);
        }
        long recovered = awaitUpSince(at, Duration.ofSeconds(10));
        awaitFreshPrice();
        line("Wrong store key under the running app: feed down with health reason \"%s\", chain still served; "
                + "the right key back, up again %d ms after the drop", reason, recovered);
    }

    // ---- readers and watchers -----------------------------------------------------------------------------

    /**
     * Polls the chain and checks every price shown fresh: updated within stale-after of the response's asOf,
     * and, when the feed was up throughout the request over a connection subscribed after the last fault,
     * updated over that connection (after the fault and after the subscription).
     */
    private void read(AtomicBoolean running) {
        while (running.get()) {
            int faultsBefore = disruptions.get();
            long lastFault = lastDisruptionMillis;
            boolean upBefore = feed.isUp();
            long upSince = feed.upSinceMillis();
            HttpResponse<String> response;
            try {
                response = get("/options/live?underlying=NIFTY");
            } catch (RuntimeException e) {
                statuses.computeIfAbsent(-1, k -> new LongAdder()).increment();
                violations.add("request failed: " + e);
                continue;
            }
            boolean quiet = disruptions.get() == faultsBefore;
            // The same connection up from before the request to after it. Without this a connection dropped just
            // as the client marked it up (accepted before the fault, counted up just after it) would look like one
            // made after the fault while the render saw the feed down, where the rule is stale-after alone.
            boolean steady = feed.isUp() && feed.upSinceMillis() == upSince;
            statuses.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
            responses.increment();
            if (response.statusCode() != 200) {
                continue;
            }
            JsonNode chain = JSON.readTree(response.body());
            long asOf = ChaosFixtures.millis(chain.get("asOf"));
            boolean reconnectedSinceFault = upBefore && quiet && steady && upSince > lastFault;
            for (ChaosFixtures.Shown price : ChaosFixtures.prices(chain)) {
                pricesChecked.increment();
                if (price.stale()) {
                    continue;
                }
                freshShown.increment();
                if (reconnectedSinceFault && lastFault != Long.MIN_VALUE) {
                    freshAfterReconnect.increment();
                }
                if (price.updatedAtMillis() == 0 || asOf - price.updatedAtMillis() > STALE_AFTER_MILLIS) {
                    violation("%s fresh but updated %d ms before asOf", price.where(), asOf - price.updatedAtMillis());
                } else if (reconnectedSinceFault && price.updatedAtMillis() < lastFault) {
                    violation("%s fresh after the reconnect but updated %d ms before the fault", price.where(),
                            lastFault - price.updatedAtMillis());
                } else if (reconnectedSinceFault && price.updatedAtMillis() < upSince) {
                    violation("%s fresh but updated %d ms before the connection was subscribed", price.where(),
                            upSince - price.updatedAtMillis());
                }
            }
        }
    }

    private void watchReasons(AtomicBoolean running) {
        String last = null;
        while (running.get()) {
            String reason = feed.reason();
            if (!reason.equals(last)) {
                reasonsSeen.add(reason);
                last = reason;
            }
            sleep(2);
        }
    }

    private void violation(String format, Object... args) {
        if (violations.size() < 50) {
            violations.add(String.format(format, args));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Marks a fault about to be injected; readers compare prices against its time. */
    private long disrupt() {
        long at = CLOCK.millis();
        lastDisruptionMillis = at;
        disruptions.incrementAndGet();
        return at;
    }

    /** Waits until the feed is up over a connection subscribed after {@code sinceMillis}; returns how long after. */
    private long awaitUpSince(long sinceMillis, Duration atMost) {
        AtomicLong since = new AtomicLong();
        await().atMost(atMost).pollInterval(Duration.ofMillis(2)).until(() -> {
            long up = feed.upSinceMillis();
            since.set(up);
            return feed.isUp() && up > sinceMillis && up != Long.MAX_VALUE;
        });
        return since.get() - sinceMillis;
    }

    /** Ticks flow again: the index is shown fresh. */
    private void awaitFreshPrice() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode chain = JSON.readTree(get("/options/live?underlying=NIFTY&strikes=2").body());
            return !chain.get("underlying").get("stale").asBoolean();
        });
    }

    /**
     * The reason the feed client logged for a disconnect code and what it planned, e.g. {@code token expired (807)}
     * and {@code retrying every 250 ms with freshly read credentials}.
     */
    private static String[] logReason(CapturedOutput output, int code) {
        Matcher m = Pattern.compile("down: ([^;]*\\(" + code + "\\)); ([^\\r\\n]*)").matcher(output.getAll());
        return m.find() ? new String[] {m.group(1), m.group(2).strip()} : null;
    }

    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (sorted.size() * p) / 100));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        report.append(text).append(System.lineSeparator());
        System.out.println(text);
    }

    private void writeReport() throws IOException {
        Path out = Path.of("target", "reliability", "chaos.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }
}
