package com.livechain.api.push;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import com.livechain.api.ChainViews;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ChainKey;
import com.livechain.chain.OptionChain;
import com.livechain.market.FeedState;
import com.livechain.market.Freshness;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans the live chain out to browsers without touching the feed's hot path.
 *
 * <p>One thread, the tick, wakes every {@code livechain.push.interval} (100 ms) and visits each
 * {@link ChainGroup}: the sessions shown one chain through one window of strikes. It reads every leg's
 * sequence counter; only if one moved (or a second passed, for staleness and time decay, or the feed went
 * up or down) does it render the window, once for the group, through the same {@link ChainViews} as
 * {@code GET /options/live}, so a snapshot is that endpoint's JSON for the same {@code strikes}. Each
 * session remembers the frame it was last brought up to and is sent the {@link FrameDiff} to the new
 * one; a window that moved with ATM is sent as a new snapshot.
 *
 * <p>A session gets at most one message per tick, so at most 10 a second, and has at most one
 * send in flight. The tick never writes to a socket: {@link PushSender} does, on a small pool. A session
 * whose previous send has not finished is skipped and later gets one delta covering everything it missed,
 * so a slow client costs memory for one frame reference, not a queue, and never delays the others.
 */
public final class PushBroadcaster implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushBroadcaster.class);

    private final ChainCache cache;
    private final Freshness freshness;
    private final ChainViews views;
    private final JsonMapper json;
    private final PushProperties properties;
    private final PushMetrics metrics;
    private final PushSender sender;

    private final ConcurrentMap<String, PushSession> sessions = new ConcurrentHashMap<>();
    /** Subscriptions and departures, handed from socket threads to the tick, which owns the groups. */
    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
    /** Tick thread only. */
    private final Map<ChainWindow, ChainGroup> groups = new HashMap<>();

    private final ScheduledExecutorService tick;
    private volatile boolean running;
    /** The tick's schedule while started; guarded by {@code this}. */
    private ScheduledFuture<?> ticking;

    /** @param views the same rendering as {@code GET /options/live}, so a snapshot is exactly its JSON */
    PushBroadcaster(ChainCache cache, Freshness freshness, ChainViews views, JsonMapper json, PushProperties properties,
                    MeterRegistry meters) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.views = Objects.requireNonNull(views, "views");
        this.json = Objects.requireNonNull(json, "json");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.metrics = new PushMetrics(meters, sessions);
        this.sender = new PushSender(properties, metrics);
        // A plain ScheduledThreadPoolExecutor, not Executors' unconfigurable wrapper, so its metrics see its queue.
        this.tick = new ScheduledThreadPoolExecutor(1, threads("push-tick"));
        // executor_* metrics by thread name: a growing push-send queue is clients that read slowly.
        new ExecutorServiceMetrics(tick, "push-tick", List.of()).bindTo(meters);
        new ExecutorServiceMetrics(sender.executor(), "push-send", List.of()).bindTo(meters);
    }

    // ---- socket threads

    /** A browser connected. */
    PushSession open(WebSocketSession session) {
        PushSession pushSession = PushSession.open(session, properties);
        sessions.put(pushSession.id(), pushSession);
        return pushSession;
    }

    PushSession session(String id) {
        return sessions.get(id);
    }

    /** From the next tick on, the session follows this window, starting with a snapshot. */
    void subscribe(PushSession session, PushSubscription subscription) {
        changes.add(new Change(session, subscription));
    }

    void closed(String id) {
        PushSession session = sessions.remove(id);
        if (session != null) {
            changes.add(new Change(session, null));
        }
    }

    /** Sends an error without blocking the caller (a socket reader thread or the tick). */
    void reply(PushSession session, PushMessages.Error error) {
        sender.reply(session, PushMessages.encode(json, error));
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Closes every browser session, which then reconnects on its own (the page backs off and resubscribes). */
    public void closeAll(CloseStatus status) {
        for (PushSession session : sessions.values()) {
            PushSender.closeQuietly(session, status);
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
        PushMessages.FeedView feed = new PushMessages.FeedView(feedState.isUp(), feedState.reason(), freshness.market(now));
        Iterator<ChainGroup> it = groups.values().iterator();
        while (it.hasNext()) {
            ChainGroup group = it.next();
            try {
                if (!push(group, now, feed)) {
                    it.remove();
                }
            } catch (RuntimeException e) {
                ChainKey key = group.window.chain();
                log.warn("Push of {} {} failed; retrying next tick", key.underlying(), key.expiry(), e);
            }
        }
    }

    private void applyChanges() {
        Change change;
        while ((change = changes.poll()) != null) {
            PushSession session = change.session();
            ChainGroup old = session.group;
            if (old != null) {
                old.members.remove(session);
                if (old.members.isEmpty()) {
                    groups.remove(old.window, old);
                }
                session.group = null;
            }
            PushSubscription subscription = change.subscription();
            if (subscription != null && sessions.containsKey(session.id())) {
                ChainGroup group = groups.computeIfAbsent(subscription.window(), w -> new ChainGroup(w, json));
                group.members.add(session);
                session.group = group;
                session.base = null;
                session.followsNearest = subscription.followsNearest();
            }
        }
    }

    /** Brings every ready member of the group up to date; returns {@code false} when the group is gone. */
    private boolean push(ChainGroup group, long now, PushMessages.FeedView feed) {
        ChainKey key = group.window.chain();
        OptionChain chain = cache.chain(key.underlying(), key.expiry()).orElse(null);
        if (chain == null) {
            expired(group);
            return false;
        }
        if (chain != group.chain) {
            group.restructure(chain);
        }
        boolean moved = group.scanVersions();
        if (group.needsRender(moved, now, feed)) {
            String source = cache.source().map(Enum::name).orElse(null);
            List<String> expiries = cache.expiries(key.underlying()).stream().map(LocalDate::toString).toList();
            group.rendered(new Frame(views.render(source, chain, expiries, group.window.strikesEachSide()), feed), now);
        }
        group.beginTick(now);
        for (PushSession session : group.members) {
            if (session.base == group.current || session.sending.get() || !session.socket.isOpen()) {
                continue;
            }
            ChainGroup.Outgoing out = group.from(session.base);
            session.base = out.reached();
            if (out.message() != null) {
                sender.push(session, out.message(), out.snapshot() ? metrics.snapshotsSent : metrics.deltasSent,
                        group.current.renderedNanos);
            }
        }
        return true;
    }

    /** The group's expiry closed (15:30 IST) or the universe was reloaded without it. */
    private void expired(ChainGroup group) {
        ChainKey key = group.window.chain();
        List<String> live = cache.expiries(key.underlying()).stream().map(LocalDate::toString).toList();
        for (PushSession session : group.members) {
            session.group = null;
            if (session.followsNearest && !live.isEmpty()) {
                ChainKey next = new ChainKey(key.underlying(), LocalDate.parse(live.get(0)));
                subscribe(session, new PushSubscription(new ChainWindow(next, group.window.strikesEachSide()), true));
            } else {
                reply(session, new PushMessages.Error("The " + key.underlying() + " " + key.expiry()
                        + " expiry is no longer live; subscribe to one that is.", live, null));
            }
        }
        group.members.clear();
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
        sender.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A subscription ({@code null}: the session left), handed from a socket thread to the tick. */
    private record Change(PushSession session, PushSubscription subscription) {
    }
}
