package com.livechain.api.push;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ChainKey;
import com.livechain.market.FeedState;
import com.livechain.market.Freshness;
import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.api.ChainView;
import com.livechain.api.ChainViews;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans the live chain out to browsers without touching the feed's hot path.
 *
 * <p>One thread, the tick, wakes every {@code livechain.push.interval} (100 ms) and visits each
 * subscribed (underlying, expiry). It reads every leg's sequence counter; only if one moved (or a
 * second passed, for staleness and time decay, or the feed went up or down) does it render the
 * chain, once for the group, through the same {@link ChainViews} as {@code GET /options/live}. Each
 * session remembers the frame it was last brought up to; the difference to the new frame is
 * serialised once per distinct starting frame and the same bytes go to every session that shares it.
 *
 * <p>IV and Greeks are priced on the forward, so every underlying tick moves them on every leg.
 * Sent as they move, each delta would be the whole chain. A leg whose own market data did not
 * change therefore carries its new analytics at most once a second (the group's refresh tick); in
 * between, the session is recorded as holding the analytics it was last sent, so nothing is lost.
 *
 * <p>A session gets at most one message per tick, so at most 10 a second, and has at most one
 * send in flight. The tick never writes to a socket: sends run on a small pool. A session whose
 * previous send has not finished is skipped and later gets one delta covering everything it missed,
 * so a slow client costs memory for one frame reference, not a queue, and never delays the others.
 * A client that stops reading altogether is closed once a send has been blocked for
 * {@code livechain.push.send-time-limit}: Tomcat's per-session blocking-send timeout is set to it.
 */
public final class PushBroadcaster implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushBroadcaster.class);

    /** Re-render an idle chain this often: staleness and the time-dependent greeks move without ticks. */
    static final long REFRESH_MILLIS = 1_000;

    /** Tomcat reads this session property as the timeout of a blocking send (default 20 s). */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    /** The diff from a frame to the current one is empty: nothing to send. */
    private static final TextMessage NO_CHANGE = new TextMessage(new byte[0]);

    private final ChainCache cache;
    private final Freshness freshness;
    private final ChainViews views;
    private final JsonMapper json;
    private final PushProperties properties;
    private final CloseStatus tooSlow;

    private final ConcurrentMap<String, PushSession> sessions = new ConcurrentHashMap<>();
    /** Subscriptions and departures, handed from socket threads to the tick, which owns the groups. */
    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
    /** Tick thread only. */
    private final Map<ChainKey, Group> groups = new HashMap<>();

    private final ScheduledExecutorService tick;
    private final ThreadPoolExecutor senders;
    private volatile boolean running;
    /** The tick's schedule while started; guarded by {@code this}. */
    private ScheduledFuture<?> ticking;

    private final Counter snapshotsSent;
    private final Counter deltasSent;
    private final Counter errorsSent;
    private final Counter slowClosed;
    private final Timer lag;

    /** @param views the same rendering as {@code GET /options/live}, so a snapshot is exactly its JSON */
    PushBroadcaster(ChainCache cache, Freshness freshness, ChainViews views, JsonMapper json, PushProperties properties,
                    MeterRegistry meters) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.views = Objects.requireNonNull(views, "views");
        this.json = Objects.requireNonNull(json, "json");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.tooSlow = CloseStatus.SESSION_NOT_RELIABLE.withReason("Too slow: a message waited over "
                + properties.sendTimeLimit().toMillis() + " ms to be sent. Reconnect for a fresh snapshot.");
        this.tick = Executors.newSingleThreadScheduledExecutor(threads("push-tick"));
        // Sends are short unless a client stops reading; then one thread waits for up to the send
        // time limit. A few threads per core keep a handful of such clients from delaying the rest.
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.senders = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("push-send"));
        this.senders.allowCoreThreadTimeOut(true);

        Gauge.builder("livechain.browser.sessions", sessions, Map::size)
                .description("Open browser sessions on /ws/options")
                .register(meters);
        this.snapshotsSent = sent(meters, "snapshot");
        this.deltasSent = sent(meters, "delta");
        this.errorsSent = sent(meters, "error");
        this.slowClosed = Counter.builder("livechain.push.slow.closed")
                .description("Browser sessions closed because they stopped reading")
                .register(meters);
        this.lag = Timer.builder("livechain.push.lag")
                .description("From rendering a change to its message being written to a browser's socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    private static Counter sent(MeterRegistry meters, String type) {
        return Counter.builder("livechain.push.messages")
                .description("Messages sent to browser sessions on /ws/options")
                .tag("type", type)
                .register(meters);
    }

    // ---- socket threads

    /** A browser connected: wrap its socket so pushes and replies never interleave, and bound how long a send may block. */
    PushSession open(WebSocketSession session) {
        int sendTimeLimit = (int) properties.sendTimeLimit().toMillis();
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session container = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (container != null) {
                container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, (long) sendTimeLimit);
            }
        }
        PushSession pushSession = new PushSession(new ConcurrentWebSocketSessionDecorator(session, sendTimeLimit,
                (int) Math.min(Integer.MAX_VALUE, properties.bufferSizeLimit().toBytes()),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE));
        sessions.put(pushSession.id(), pushSession);
        return pushSession;
    }

    PushSession session(String id) {
        return sessions.get(id);
    }

    /** From the next tick on, the session follows this chain, starting with a snapshot. */
    void subscribe(PushSession session, ChainKey key, boolean followsNearest) {
        changes.add(new Change(session, key, followsNearest));
    }

    void closed(String id) {
        PushSession session = sessions.remove(id);
        if (session != null) {
            changes.add(new Change(session, null, false));
        }
    }

    /** Sends an error without blocking the caller (a socket reader thread or the tick). */
    void reply(PushSession session, PushMessages.Error error) {
        TextMessage message = encode(error);
        execute(() -> {
            try {
                session.socket.sendMessage(message);
                errorsSent.increment();
            } catch (IOException | RuntimeException e) {
                log.debug("Could not send an error to {}: {}", session.id(), e.toString());
            }
        });
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Closes every browser session, which then reconnects on its own (the page backs off and resubscribes). */
    public void closeAll(CloseStatus status) {
        for (PushSession session : sessions.values()) {
            closeQuietly(session, status);
        }
    }

    // ---- tick thread

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; push must outlive one bad tick.
            log.error("Browser push tick failed; retrying next tick", e);
        }
    }

    void tick() {
        applyChanges();
        if (groups.isEmpty()) {
            return;
        }
        long now = freshness.nowMillis();
        FeedState feedState = freshness.feed();
        PushMessages.FeedView feed = new PushMessages.FeedView(feedState.isUp(), feedState.reason());
        Iterator<Group> it = groups.values().iterator();
        while (it.hasNext()) {
            Group group = it.next();
            try {
                if (!push(group, now, feed)) {
                    it.remove();
                }
            } catch (RuntimeException e) {
                log.warn("Push of {} {} failed; retrying next tick", group.key.underlying(), group.key.expiry(), e);
            }
        }
    }

    private void applyChanges() {
        Change change;
        while ((change = changes.poll()) != null) {
            PushSession session = change.session();
            Group old = session.group;
            if (old != null) {
                old.members.remove(session);
                if (old.members.isEmpty()) {
                    groups.remove(old.key, old);
                }
                session.group = null;
            }
            if (change.key() != null && sessions.containsKey(session.id())) {
                Group group = groups.computeIfAbsent(change.key(), Group::new);
                group.members.add(session);
                session.group = group;
                session.base = null;
                session.followsNearest = change.followsNearest();
            }
        }
    }

    /** Brings every ready member of the group up to date; returns {@code false} when the group is gone. */
    private boolean push(Group group, long now, PushMessages.FeedView feed) {
        OptionChain chain = cache.chain(group.key.underlying(), group.key.expiry()).orElse(null);
        if (chain == null) {
            expired(group);
            return false;
        }
        if (chain != group.chain) {
            group.restructure(chain);
        }
        boolean moved = group.scanVersions();
        boolean refresh = now - group.renderedAtMillis >= REFRESH_MILLIS;
        if (group.current == null || moved || refresh || !feed.equals(group.current.feed)) {
            render(group, chain, feed, now);
        }
        // Deltas are worked out afresh each tick: whether analytics-only changes go out depends on the tick.
        group.deltas.clear();
        group.withAnalytics = now - group.analyticsSentAtMillis >= REFRESH_MILLIS;
        if (group.withAnalytics) {
            group.analyticsSentAtMillis = now;
        }
        for (PushSession session : group.members) {
            if (session.base == group.current || session.sending.get() || !session.socket.isOpen()) {
                continue;
            }
            if (session.base == null) {
                session.base = group.current;
                dispatch(session, group.snapshot(), snapshotsSent, group.current.renderedNanos);
                continue;
            }
            Step step = group.deltaFrom(session.base);
            session.base = step.reached();
            if (step.message() != NO_CHANGE) {
                dispatch(session, step.message(), deltasSent, group.current.renderedNanos);
            }
        }
        return true;
    }

    private void render(Group group, OptionChain chain, PushMessages.FeedView feed, long now) {
        String source = cache.source().map(Enum::name).orElse(null);
        List<String> expiries = cache.expiries(group.key.underlying()).stream().map(LocalDate::toString).toList();
        group.current = new Frame(views.render(source, chain, expiries, null), feed);
        group.renderedAtMillis = now;
        group.snapshot = null;
    }

    /** The group's expiry closed (15:30 IST) or the universe was reloaded without it. */
    private void expired(Group group) {
        List<String> live = cache.expiries(group.key.underlying()).stream().map(LocalDate::toString).toList();
        for (PushSession session : group.members) {
            session.group = null;
            if (session.followsNearest && !live.isEmpty()) {
                subscribe(session, new ChainKey(group.key.underlying(), LocalDate.parse(live.get(0))), true);
            } else {
                reply(session, new PushMessages.Error("The " + group.key.underlying() + " " + group.key.expiry()
                        + " expiry is no longer live; subscribe to one that is.", live, null));
            }
        }
        group.members.clear();
    }

    private void dispatch(PushSession session, TextMessage message, Counter counter, long renderedNanos) {
        session.sending.set(true);
        if (!execute(() -> send(session, message, counter, renderedNanos))) {
            session.sending.set(false);
        }
    }

    private void send(PushSession session, TextMessage message, Counter counter, long renderedNanos) {
        long started = System.nanoTime();
        try {
            session.socket.sendMessage(message);
            counter.increment();
            lag.record(System.nanoTime() - renderedNanos, TimeUnit.NANOSECONDS);
        } catch (SessionLimitExceededException e) {
            closeTooSlow(session);
        } catch (IOException | RuntimeException e) {
            // Tomcat's blocking send timed out (the client stopped reading), or the connection broke.
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (millis >= properties.sendTimeLimit().toMillis()) {
                closeTooSlow(session);
            } else {
                log.debug("Send to {} failed after {} ms: {}", session.id(), millis, e.toString());
                closeQuietly(session, CloseStatus.SERVER_ERROR.withReason("Send failed"));
            }
        } finally {
            session.sending.set(false);
        }
    }

    private void closeTooSlow(PushSession session) {
        // Tomcat may already have closed it when its blocking send timed out; say why all the same.
        slowClosed.increment();
        log.info("Closing browser session {}: a message waited over {} ms to be sent", session.id(),
                properties.sendTimeLimit().toMillis());
        closeQuietly(session, tooSlow);
    }

    private static void closeQuietly(PushSession session, CloseStatus status) {
        try {
            // Past the decorator: it would replace our reason with a bare SESSION_NOT_RELIABLE.
            session.raw().close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {}: {}", session.id(), e.toString());
        }
    }

    private boolean execute(Runnable task) {
        try {
            senders.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // shutting down
        }
    }

    TextMessage encode(Object message) {
        // One byte array per message, shared by every session it goes to.
        return new TextMessage(json.writeValueAsBytes(message));
    }

    /** A session's move from one frame: the message to send ({@link #NO_CHANGE} for none) and the frame it then holds. */
    record Step(TextMessage message, Frame reached) {
    }

    /**
     * What changed from {@code from} to {@code to}, two renderings of the same chain (so their strike
     * rows line up). A leg whose market data is unchanged is sent for its analytics only when
     * {@code withAnalytics}; otherwise the session keeps the leg as it had it, and {@link Step#reached}
     * records exactly that, so the next diff starts from what the browser really shows.
     */
    Step diff(Frame from, Frame to, boolean withAnalytics) {
        ChainView a = from.view;
        ChainView b = to.view;
        List<ChainView.StrikeView> before = a.strikes();
        List<ChainView.StrikeView> after = b.strikes();
        List<PushMessages.StrikeDelta> strikes = new ArrayList<>();
        List<ChainView.StrikeView> held = new ArrayList<>(after.size());
        boolean behind = false;
        for (int i = 0; i < after.size(); i++) {
            ChainView.StrikeView was = before.get(i);
            ChainView.StrikeView now = after.get(i);
            ChainView.LegView ce = changed(was.ce(), now.ce(), withAnalytics);
            ChainView.LegView pe = changed(was.pe(), now.pe(), withAnalytics);
            if (ce != null || pe != null) {
                strikes.add(new PushMessages.StrikeDelta(now.strike(), ce, pe));
            }
            ChainView.LegView heldCe = ce != null || Objects.equals(was.ce(), now.ce()) ? now.ce() : was.ce();
            ChainView.LegView heldPe = pe != null || Objects.equals(was.pe(), now.pe()) ? now.pe() : was.pe();
            behind |= heldCe != now.ce() || heldPe != now.pe();
            held.add(heldCe == now.ce() && heldPe == now.pe() ? now : new ChainView.StrikeView(now.strike(), heldCe, heldPe));
        }
        Frame reached = !behind ? to : new Frame(new ChainView(b.source(), b.underlying(), b.expiry(), b.expiries(),
                b.lotSize(), b.strikeStep(), b.atmStrike(), b.asOf(), held, b.summary()), to.feed, to.renderedNanos);
        boolean expiriesChanged = !a.expiries().equals(b.expiries());
        if (strikes.isEmpty() && !expiriesChanged && a.underlying().equals(b.underlying())
                && Objects.equals(a.atmStrike(), b.atmStrike()) && Objects.equals(a.summary(), b.summary())
                && from.feed.equals(to.feed)) {
            return new Step(NO_CHANGE, behind ? from : reached);
        }
        TextMessage message = encode(new PushMessages.Delta("delta", b.source(), b.expiry(), b.asOf(), to.feed,
                b.underlying(), b.atmStrike(), expiriesChanged ? b.expiries() : null, strikes, b.summary()));
        return new Step(message, reached);
    }

    /** The leg to send, or {@code null}: unchanged, or changed only in its analytics when those are not due. */
    private static ChainView.LegView changed(ChainView.LegView was, ChainView.LegView now, boolean withAnalytics) {
        if (Objects.equals(was, now)) {
            return null;
        }
        return withAnalytics || was == null || now == null || !sameMarketData(was, now) ? now : null;
    }

    /** Equal in everything but IV and the Greeks. */
    static boolean sameMarketData(ChainView.LegView a, ChainView.LegView b) {
        return a.securityId() == b.securityId() && Objects.equals(a.ltp(), b.ltp()) && Objects.equals(a.bid(), b.bid())
                && Objects.equals(a.ask(), b.ask()) && Objects.equals(a.bidQty(), b.bidQty())
                && Objects.equals(a.askQty(), b.askQty()) && Objects.equals(a.volume(), b.volume())
                && Objects.equals(a.oi(), b.oi()) && Objects.equals(a.oiChange(), b.oiChange())
                && Objects.equals(a.prevClose(), b.prevClose()) && Objects.equals(a.updatedAt(), b.updatedAt())
                && a.stale() == b.stale();
    }

    // ---- lifecycle

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        long interval = properties.interval().toMillis();
        // Fixed delay, not fixed rate: a late tick is never followed by a catch-up burst, so no client
        // gets two messages closer together than the interval.
        ticking = tick.scheduleWithFixedDelay(this::tickSafely, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * Stops pushing and closes every session. The threads stay: a context may be stopped and started
     * again ({@code ConfigurableApplicationContext.stop()/start()}, Spring's test context cache pausing
     * a context it is not using), and {@link #start()} must then work; {@link #close()} releases them.
     */
    @Override
    public synchronized void stop() {
        running = false;
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        closeAll(CloseStatus.GOING_AWAY.withReason("Server shutting down"));
    }

    /** Stops for good when the context closes: the tick and send threads end. */
    @Override
    public void close() {
        stop();
        tick.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Change(PushSession session, ChainKey key, boolean followsNearest) {
    }

    /** One rendering of a chain as the sessions of its group were (or will be) sent it. Compared by identity. */
    static final class Frame {
        final ChainView view;
        final PushMessages.FeedView feed;
        final long renderedNanos;

        Frame(ChainView view, PushMessages.FeedView feed) {
            this(view, feed, System.nanoTime());
        }

        Frame(ChainView view, PushMessages.FeedView feed, long renderedNanos) {
            this.view = view;
            this.feed = feed;
            this.renderedNanos = renderedNanos;
        }
    }

    /** The sessions following one (underlying, expiry), and what they were last sent. Tick thread only. */
    final class Group {
        final ChainKey key;
        final List<PushSession> members = new ArrayList<>();
        OptionChain chain;
        /** The underlying's slot then every leg, in a fixed order, and their counters at the last look. */
        Leg[] legs = new Leg[0];
        long[] versions = new long[0];
        Frame current;
        long renderedAtMillis;
        long analyticsSentAtMillis;
        /** This tick sends analytics-only changes too. */
        boolean withAnalytics;
        private TextMessage snapshot;
        /** This tick, per starting frame, the step to {@link #current}: sessions that keep up share one. */
        private final Map<Frame, Step> deltas = new IdentityHashMap<>();

        Group(ChainKey key) {
            this.key = key;
        }

        /** A new chain object for the key (the universe was reloaded): everyone starts again from a snapshot. */
        void restructure(OptionChain chain) {
            this.chain = chain;
            List<Leg> slots = new ArrayList<>();
            slots.add(chain.underlying().spot());
            for (StrikeRow row : chain.strikes()) {
                if (row.ce() != null) {
                    slots.add(row.ce());
                }
                if (row.pe() != null) {
                    slots.add(row.pe());
                }
            }
            legs = slots.toArray(new Leg[0]);
            versions = new long[legs.length];
            java.util.Arrays.fill(versions, -1); // a counter is never negative: the first scan sees every leg move
            current = null;
            snapshot = null;
            deltas.clear();
            for (PushSession member : members) {
                member.base = null;
            }
        }

        /**
         * Reads every counter and remembers it; {@code true} if any moved. Read before rendering, so
         * an update that lands during the rendering moves its counter again and is sent next tick.
         */
        boolean scanVersions() {
            boolean moved = false;
            for (int i = 0; i < legs.length; i++) {
                long version = legs[i].version();
                if (version != versions[i]) {
                    versions[i] = version;
                    moved = true;
                }
            }
            return moved;
        }

        TextMessage snapshot() {
            if (snapshot == null) {
                snapshot = encode(new PushMessages.Snapshot(current.feed, current.view));
            }
            return snapshot;
        }

        Step deltaFrom(Frame base) {
            return deltas.computeIfAbsent(base, b -> diff(b, current, withAnalytics));
        }
    }
}
