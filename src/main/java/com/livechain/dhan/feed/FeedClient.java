package com.livechain.dhan.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;

import com.livechain.universe.ChainReadyEvent;
import com.livechain.market.FeedState;
import com.livechain.market.Freshness;
import com.livechain.chain.InstrumentIndex;
import com.livechain.market.MarketHours;
import com.livechain.chain.TickApplier;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;
import com.livechain.credentials.Redaction;

/**
 * Dhan's live market feed v2 over OkHttp WebSockets (protocol §3): connects, subscribes the chain's
 * instruments, decodes binary frames into the chain, and keeps the connections alive.
 *
 * <p>Threads. Each socket's OkHttp reader thread does nothing but decode and apply (a slow callback
 * gets the client dropped: DhanHQ-py #72, pykiteconnect #88); every other event (open, close,
 * failure, a disconnect packet) is handed to one scheduler thread, which owns all connection state,
 * so that state needs no locks. Only the fields read by other threads ({@link FeedState}, gauges,
 * the reader's "is this still my socket" check) are volatile.
 *
 * <p>Failures and what follows them (protocol §1.6, §4):
 * <ul>
 *   <li>a lost connection (drop, close, dead peer found by OkHttp's ping, failed handshake):
 *       reconnect with exponential backoff and full jitter, {@code reconnect-min} doubling to
 *       {@code reconnect-max}; reset once a connection has delivered data;</li>
 *   <li>credentials rejected (disconnect 807-810, handshake 401/403) or no Data API (806): retrying
 *       fast cannot help, so retry every {@code auth-retry}, reading the credentials afresh each time so
 *       a token renewed in the store is picked up without a restart;</li>
 *   <li>805, too many connections (a sixth connection kicks the oldest): back off for
 *       {@code reconnect-max} plus jitter, so two clients on one account do not evict each other in a loop;</li>
 *   <li>after either of those, Dhan may accept the handshake and the subscription and only then send
 *       the disconnect packet again, so a reconnect stays down (keeping the old reason) until data
 *       arrives or {@code min(3 s, auth-retry)} pass without a rejection: the state does not flap to
 *       "up" once a minute while the token is expired;</li>
 *   <li>an open socket that stays silent ("connected but mute", DhanHQ-py #81 and the token-rollover
 *       reports): the stall watchdog replaces it after {@code stall-after} without a frame.</li>
 * </ul>
 * A socket we abandon is closed and then cancelled after {@code close-timeout}; nothing waits for a
 * close handshake (DhanHQ-py #139) except {@link #close()} at shutdown, and that for at most
 * {@code close-timeout}.
 */
public final class FeedClient implements FeedState, MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedClient.class);

    private static final long NEVER = Long.MIN_VALUE;

    /** How long a reconnect after a rejection waits for Dhan to reject it again before it counts as up. */
    private static final long PROBATION_MILLIS = 3_000;

    private final FeedProperties properties;
    private final DhanAccess access;
    private final TickApplier applier;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final OkHttpClient http;
    private final ScheduledExecutorService scheduler;
    private final long stallAfterNanos;

    private volatile Link[] links = new Link[0];
    private volatile boolean planned;
    /** Option legs beyond Dhan's instrument allowance in the current plan: in the chain, never streamed. */
    private volatile int beyondAllowance;
    private volatile boolean closed;

    public FeedClient(FeedProperties properties, DhanAccess access, TickApplier applier, Freshness freshness,
                      FeedMetrics metrics, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.access = Objects.requireNonNull(access, "access");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stallAfterNanos = properties.stallAfter().toNanos();
        this.http = new OkHttpClient.Builder()
                // Dhan pings every 10 s and OkHttp answers; our own ping finds a peer that died without a FIN.
                .pingInterval(properties.pingInterval())
                .webSocketCloseTimeout(properties.closeTimeout())
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "livechain-feed");
            thread.setDaemon(true);
            return thread;
        });
        long watchPeriod = Math.max(10, Math.min(1000, properties.stallAfter().toMillis() / 4));
        scheduler.scheduleWithFixedDelay(this::watchForStalls, watchPeriod, watchPeriod, TimeUnit.MILLISECONDS);
        Objects.requireNonNull(freshness, "freshness").attach(this);
    }

    /** Subscribes the chain's instruments once the start-up loader has filled the cache. */
    @EventListener
    public void onChainReady(ChainReadyEvent event) {
        subscribe(event.index());
    }

    /**
     * Connects and subscribes every instrument of {@code index} (options in Full mode, underlyings in
     * Ticker mode), replacing the connections of an earlier index. Returns at once; the work happens
     * on the feed's scheduler thread.
     */
    public void subscribe(InstrumentIndex index) {
        Subscriptions plan = Subscriptions.plan(index, properties);
        beyondAllowance = plan.dropped();
        if (plan.dropped() > 0) {
            // The index lists options nearest expiry first, nearest the money first (ChainAssembler), so the
            // legs left out are the furthest expiries' far strikes: they show no live price, never a stale one.
            log.warn("The chain has {} instruments but Dhan streams {} connections of {} instruments: subscribing "
                            + "the {} nearest (by expiry, then strike), {} far option legs get no live prices. "
                            + "Configure fewer livechain.underlyings to stream them all.",
                    plan.instrumentCount() + plan.dropped(), properties.maxConnections(),
                    properties.maxInstrumentsPerConnection(), plan.instrumentCount(), plan.dropped());
        }
        run(() -> replace(plan));
    }

    // ---- FeedState -------------------------------------------------------------------------------

    @Override
    public boolean isUp() {
        Link[] current = links;
        if (current.length == 0 || closed) {
            return false;
        }
        for (Link link : current) {
            if (!link.up) {
                return false;
            }
        }
        return true;
    }

    /** The latest subscription time over the connections: a tick older than that may predate a reconnect. */
    @Override
    public long upSinceMillis() {
        Link[] current = links;
        if (current.length == 0) {
            return Long.MAX_VALUE;
        }
        long since = Long.MIN_VALUE;
        for (Link link : current) {
            since = Math.max(since, link.upSinceMillis);
        }
        return since;
    }

    @Override
    public String reason() {
        if (closed) {
            return "shut down";
        }
        Link[] current = links;
        if (current.length == 0) {
            return planned ? "nothing to subscribe" : "waiting for the chain to load";
        }
        for (Link link : current) {
            if (!link.up) {
                return current.length == 1 ? link.reason
                        : "connection " + link.number + " of " + current.length + ": " + link.reason;
            }
        }
        return "up";
    }

    /** Instruments subscribed on connections that are up now. */
    public int subscribedInstruments() {
        int n = 0;
        for (Link link : links) {
            if (link.up) {
                n += link.subscriptions.instrumentCount();
            }
        }
        return n;
    }

    /** Seconds since the last binary frame on any connection, {@code NaN} before the first. */
    public double lastFrameAgeSeconds() {
        long last = NEVER;
        for (Link link : links) {
            last = Math.max(last, link.lastFrameNanos);
        }
        return last == NEVER ? Double.NaN : (System.nanoTime() - last) / 1e9;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("livechain.feed.up", this, c -> c.isUp() ? 1 : 0)
                .description("1 when every feed connection is connected and subscribed")
                .register(registry);
        Gauge.builder("livechain.feed.subscriptions", this, FeedClient::subscribedInstruments)
                .description("Instruments subscribed on connections that are up")
                .register(registry);
        Gauge.builder("livechain.feed.unsubscribed", this, c -> c.beyondAllowance)
                .description("Option legs in the chain that Dhan's instrument allowance leaves without a subscription")
                .register(registry);
        Gauge.builder("livechain.feed.last.frame.age", this, FeedClient::lastFrameAgeSeconds)
                .description("Time since the last binary frame from the feed")
                .baseUnit("seconds")
                .register(registry);
    }

    // ---- Shutdown --------------------------------------------------------------------------------

    /**
     * Sends {@code {"RequestCode":12}} on every open socket and closes it, waiting at most
     * {@code close-timeout} for the close handshakes before cancelling what is left.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long timeoutNanos = properties.closeTimeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        List<Session> closing = new ArrayList<>();
        try {
            Future<?> goodbye = scheduler.submit(() -> {
                for (Link link : links) {
                    Session session = link.retire("shut down");
                    if (session != null) {
                        session.webSocket.send(Subscriptions.DISCONNECT_MESSAGE);
                        session.webSocket.close(1000, "shutdown");
                        closing.add(session);
                    }
                }
            });
            goodbye.get(timeoutNanos, TimeUnit.NANOSECONDS);
            for (Session session : closing) {
                while (!session.finished && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("Feed shutdown did not finish cleanly: {}", Redaction.describe(e));
        } finally {
            for (Session session : closing) {
                session.webSocket.cancel();
            }
            scheduler.shutdownNow();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            log.info("Feed closed");
        }
    }

    // ---- Everything below runs on the scheduler thread unless it says otherwise ------------------

    private void run(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: late callbacks from sockets being torn down have nothing left to do.
        }
    }

    private void replace(Subscriptions plan) {
        if (closed) {
            return;
        }
        for (Link old : links) {
            Session session = old.retire("resubscribing");
            if (session != null) {
                closeQuietly(session, "resubscribing");
            }
        }
        int n = plan.connections().size();
        Link[] fresh = new Link[n];
        for (int i = 0; i < n; i++) {
            fresh[i] = new Link(i + 1, plan.connections().get(i));
        }
        links = fresh;
        planned = true;
        log.info("Feed: subscribing {} instruments on {} connection(s)", plan.instrumentCount(), n);
        for (Link link : fresh) {
            connect(link);
        }
    }

    private void connect(Link link) {
        link.retry = null;
        if (closed || link.retired) {
            return;
        }
        if (link.attempts++ > 0) {
            metrics.reconnect();
        }
        DhanCredentials dhan;
        try {
            dhan = access.credentials()
                    .filter(c -> !isBlank(c.clientId()) && !isBlank(c.accessToken()))
                    .orElse(null);
        } catch (RuntimeException e) {
            down(link, "cannot read the Dhan credentials: " + Redaction.describe(e), Retry.SLOW);
            return;
        }
        if (dhan == null) {
            down(link, "no Dhan credentials", Retry.SLOW);
            return;
        }
        Session session = new Session(link, dhan.accessToken(), dhan.clientId());
        try {
            Request request = new Request.Builder().url(feedUrl(dhan)).build();
            // Set before the socket exists, so its callbacks always find themselves current.
            link.current = session;
            session.webSocket = http.newWebSocket(request, session);
        } catch (RuntimeException e) {
            link.current = null;
            session.retireCounts();
            down(link, "cannot connect: " + session.describe(e), Retry.SLOW);
        }
    }

    /** {@code {feedUrl}?version=2&token=<JWT>&clientId=<id>&authType=2} (protocol §3.1). Never log it. */
    private HttpUrl feedUrl(DhanCredentials credentials) {
        String base = access.feedUrl().toString();
        // HttpUrl speaks http(s); OkHttp upgrades the request to a WebSocket either way.
        if (base.regionMatches(true, 0, "wss:", 0, 4)) {
            base = "https:" + base.substring(4);
        } else if (base.regionMatches(true, 0, "ws:", 0, 3)) {
            base = "http:" + base.substring(3);
        }
        return HttpUrl.get(base).newBuilder()
                .addQueryParameter("version", "2")
                .addQueryParameter("token", credentials.accessToken())
                .addQueryParameter("clientId", credentials.clientId())
                .addQueryParameter("authType", "2")
                .build();
    }

    private void opened(Session session) {
        Link link = session.link;
        if (link.current != session) {
            closeQuietly(session, "replaced");
            return;
        }
        List<String> messages = link.subscriptions.messages();
        for (String message : messages) {
            if (!session.webSocket.send(message)) {
                lost(session, "could not send the subscription", Retry.NORMAL);
                return;
            }
        }
        session.subscribed = true;
        if (!link.probation || session.gotData) {
            markUp(session);
        } else {
            // After a rejection Dhan accepts the handshake and the subscription, then answers with a
            // disconnect packet: the feed is up again only once data arrives or no rejection follows.
            long grace = Math.min(PROBATION_MILLIS, properties.authRetry().toMillis());
            scheduler.schedule(() -> confirm(session), grace, TimeUnit.MILLISECONDS);
        }
    }

    /** Data arrived, or a connection on probation was not rejected in time. */
    private void confirm(Session session) {
        Link link = session.link;
        if (link.current == session && session.subscribed && !link.up) {
            markUp(session);
        }
    }

    private void markUp(Session session) {
        Link link = session.link;
        link.probation = false;
        link.stallBaselineNanos = System.nanoTime();
        link.upSinceMillis = clock.millis();
        link.up = true;
        link.reason = "up";
        log.info("Feed connection {} of {} up: {} instruments subscribed in {} messages (attempt {})",
                link.number, links.length, link.subscriptions.instrumentCount(),
                link.subscriptions.messages().size(), link.attempts);
    }

    private void disconnected(Session session, int code) {
        if (session.link.current != session) {
            return;
        }
        metrics.disconnect(code);
        switch (code) {
            case 805 -> lost(session, "too many connections (805)", Retry.TOO_MANY);
            case 806 -> lost(session, "data APIs not subscribed (806)", Retry.SLOW);
            case 807 -> lost(session, "token expired (807)", Retry.SLOW);
            case 808 -> lost(session, "authentication failed (808)", Retry.SLOW);
            case 809 -> lost(session, "token invalid (809)", Retry.SLOW);
            case 810 -> lost(session, "client id invalid (810)", Retry.SLOW);
            // Our request was refused; repeating it at once would be refused again.
            case 804 -> lost(session, "too many instruments requested (804)", Retry.SLOW);
            case 811, 812, 813, 814 -> lost(session, "request rejected by Dhan (" + code + ")", Retry.SLOW);
            default -> lost(session, "disconnected by Dhan (" + code + ")", Retry.NORMAL);
        }
    }

    private void failed(Session session, Throwable failure, int httpCode) {
        if (httpCode == 401 || httpCode == 403) {
            lost(session, "token or client id rejected (HTTP " + httpCode + ")", Retry.SLOW);
        } else if (httpCode == 429) {
            lost(session, "too many requests (HTTP 429)", Retry.TOO_MANY);
        } else if (httpCode > 0) {
            lost(session, "handshake refused (HTTP " + httpCode + ")", Retry.NORMAL);
        } else {
            lost(session, "connection lost: " + session.describe(failure), Retry.NORMAL);
        }
    }

    private void watchForStalls() {
        try {
            boolean watching = properties.stallWatch() == FeedProperties.StallWatch.ALWAYS
                    || MarketHours.isOpen(clock.instant());
            long now = System.nanoTime();
            for (Link link : links) {
                Session session = link.current;
                if (session == null || !link.up) {
                    continue;
                }
                if (!watching) {
                    // Silence outside market hours is normal; the clock starts again when the market opens.
                    link.stallBaselineNanos = now;
                    continue;
                }
                long last = Math.max(link.lastFrameNanos, link.stallBaselineNanos);
                if (now - last > stallAfterNanos) {
                    // Counted here, logged once by down() as the state change it causes.
                    metrics.stall();
                    lost(session, "stalled: open but no data for " + human(properties.stallAfter()), Retry.NORMAL);
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; the watchdog must survive anything.
            log.error("Feed stall watchdog failed: {}", Redaction.describe(e));
        }
    }

    /** The session is done for: close it and schedule the next attempt. Ignored for a session already replaced. */
    private void lost(Session session, String reason, Retry retry) {
        Link link = session.link;
        if (link.current != session) {
            return;
        }
        link.current = null;
        if (session.gotData) {
            link.failures = 0;
        }
        closeQuietly(session, "reconnecting");
        down(link, reason, retry);
    }

    private void down(Link link, String reason, Retry retry) {
        boolean wasUp = link.up;
        link.up = false;
        if (retry != Retry.NORMAL) {
            link.probation = true;
        }
        String previous = link.reason;
        link.reason = reason;
        long delay = delayMillis(link, retry);
        if (wasUp || !reason.equals(previous)) {
            String next = retry == Retry.SLOW
                    ? "retrying every " + human(properties.authRetry()) + " with freshly read credentials"
                    : "reconnecting in " + delay + " ms";
            log.warn("Feed connection {} of {} down: {}; {}", link.number, links.length, reason, next);
        }
        link.retry = scheduler.schedule(() -> connect(link), delay, TimeUnit.MILLISECONDS);
    }

    private long delayMillis(Link link, Retry retry) {
        long max = properties.reconnectMax().toMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (retry) {
            case SLOW -> properties.authRetry().toMillis();
            case TOO_MANY -> max + random.nextLong(max + 1);
            case NORMAL -> {
                // Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): spreads the
                // reconnects of many clients instead of synchronising them on the same steps.
                long step = Math.min(max, properties.reconnectMin().toMillis() << Math.min(link.failures, 20));
                link.failures++;
                yield random.nextLong(step + 1);
            }
        };
    }

    private void closeQuietly(Session session, String why) {
        WebSocket webSocket = session.webSocket;
        if (webSocket == null) {
            return;
        }
        webSocket.close(1000, why);
        // OkHttp waits for the peer's close frame; a dead peer never sends one.
        try {
            scheduler.schedule(webSocket::cancel, properties.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            webSocket.cancel();
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private enum Retry {
        NORMAL, TOO_MANY, SLOW
    }

    /** One feed connection: its share of the subscriptions and its reconnect state. */
    private final class Link {
        final int number;
        final Subscriptions.Connection subscriptions;

        // Scheduler thread only.
        int attempts;
        int failures;
        boolean retired;
        boolean probation;
        ScheduledFuture<?> retry;
        long stallBaselineNanos;

        // Read by other threads.
        volatile Session current;
        volatile boolean up;
        volatile long upSinceMillis = Long.MAX_VALUE;
        volatile String reason = "connecting";
        volatile long lastFrameNanos = NEVER;

        Link(int number, Subscriptions.Connection subscriptions) {
            this.number = number;
            this.subscriptions = subscriptions;
        }

        /** Stops the link for good and hands back its session, if any, for the caller to close. */
        Session retire(String why) {
            retired = true;
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            up = false;
            reason = why;
            Session session = current;
            current = null;
            return session;
        }
    }

    /** One WebSocket and its listener. Its callbacks run on OkHttp's threads. */
    private final class Session extends WebSocketListener {
        final Link link;
        final PacketDecoder decoder = new PacketDecoder(applier, metrics);
        private final String token;
        private final String clientId;
        WebSocket webSocket;
        boolean subscribed;
        volatile boolean gotData;
        volatile boolean finished;
        /** The decoder's counts went to the totals; guarded by the link's monitor, like the decoder. */
        private boolean countsRetired;

        Session(Link link, String token, String clientId) {
            this.link = link;
            this.token = token;
            this.clientId = clientId;
        }

        String describe(Throwable failure) {
            return Redaction.describe(failure, token, clientId);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            run(() -> opened(this));
        }

        /** The hot path: decode and apply, nothing else on this thread. */
        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            if (link.current != this) {
                return;
            }
            link.lastFrameNanos = System.nanoTime();
            int disconnect;
            // Leg's seqlock allows one writer per instrument. A replaced socket's reader may still be
            // inside a frame when the new socket's first frame arrives; the link's monitor (uncontended,
            // once per frame, no allocation) keeps the two from writing the same legs at once.
            synchronized (link) {
                if (countsRetired) {
                    return;
                }
                disconnect = decoder.decode(bytes);
            }
            if (disconnect != PacketDecoder.NO_DISCONNECT) {
                run(() -> disconnected(this, disconnect));
            } else if (!gotData) {
                gotData = true;
                run(() -> confirm(this));
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            // Dhan answers only in binary (protocol §3.1); a text frame carries nothing to apply.
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            String why = "closed by the server (" + code + (reason.isEmpty() ? "" : " " + reason) + ")";
            run(() -> lost(this, Redaction.redact(why, token, clientId), Retry.NORMAL));
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            finished = true;
            retireCounts();
        }

        /** The socket delivers nothing more: fold the decoder's counts into the totals, once. */
        void retireCounts() {
            synchronized (link) {
                if (!countsRetired) {
                    countsRetired = true;
                    decoder.close();
                }
            }
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            finished = true;
            retireCounts();
            int httpCode = response == null ? 0 : response.code();
            // A 101 response means the upgrade succeeded and the socket failed later.
            int handshakeCode = httpCode == 101 ? 0 : httpCode;
            run(() -> failed(this, failure, handshakeCode));
        }
    }
}
