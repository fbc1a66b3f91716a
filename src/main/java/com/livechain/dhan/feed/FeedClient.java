package com.livechain.dhan.feed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.TickApplier;
import com.livechain.credentials.Redaction;
import com.livechain.dhan.DhanAccess;
import com.livechain.market.FeedState;
import com.livechain.market.Freshness;
import com.livechain.universe.ChainReadyEvent;
import com.livechain.universe.UniverseReloadedEvent;

/**
 * Dhan's live market feed v2 over OkHttp WebSockets (protocol §3): connects, subscribes the chain's
 * instruments, decodes binary frames into the chain, and keeps the connections alive.
 *
 * <p>Threads. Each socket's OkHttp reader thread does nothing but decode and apply ({@link FeedSession});
 * every other event (open, close, failure, a disconnect packet) is handed to one scheduler thread, where
 * {@link FeedConnector} owns all connection state, so that state needs no locks. Only the fields read by
 * other threads ({@link FeedStatus}, the reader's "is this still my socket" check) are volatile.
 *
 * <p>Failures and what follows them: {@link ReconnectPolicy} names each loss and paces the next attempt
 * (backoff with jitter, or every {@code auth-retry} while Dhan rejects the credentials, each attempt reading
 * them afresh so a token renewed in the store is picked up without a restart). After a rejection Dhan may
 * accept the handshake and the subscription and only then send the disconnect packet again, so a reconnect
 * stays down (keeping the old reason) until data arrives or {@code min(3 s, auth-retry)} pass without a
 * rejection: the state does not flap to "up" once a minute while the token is expired. An open socket
 * that stays silent is replaced by the {@link StallWatchdog} after {@code stall-after} without a frame.
 * A socket we abandon is closed and then cancelled after {@code close-timeout}; nothing waits for a
 * close handshake (DhanHQ-py #139) except {@link #close()} at shutdown, and that for at most
 * {@code close-timeout}.
 */
public final class FeedClient implements FeedState, MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedClient.class);
    /** The scheduler thread's name, and the {@code name} tag of its {@code executor_*} metrics. */
    static final String SCHEDULER = "livechain-feed";

    private final FeedProperties properties;
    private final LongSupplier nanoTime;
    private final OkHttpClient http;
    /** Whether {@link #http}'s pool and dispatcher are this client's to shut down. */
    private final boolean ownsHttp;
    private final ScheduledThreadPoolExecutor scheduler;

    private final FeedStatus status;
    private final FeedConnector connector;
    /** Which instruments each connection carries; the scheduler thread only. */
    private SubscriptionBook book;

    /** On a client of its own, closed with the feed. */
    public FeedClient(FeedProperties properties, DhanAccess access, TickApplier applier, Freshness freshness,
                      FeedMetrics metrics, Clock clock) {
        this(properties, access, applier, freshness, metrics, clock, new OkHttpClient(), true, System::nanoTime,
                new SplittableRandom());
    }

    /**
     * On {@code http}'s connection pool and dispatcher (the application's shared Dhan client), which its
     * owner closes.
     */
    public FeedClient(FeedProperties properties, DhanAccess access, TickApplier applier, Freshness freshness,
                      FeedMetrics metrics, Clock clock, OkHttpClient http) {
        this(properties, access, applier, freshness, metrics, clock, http, false, System::nanoTime,
                new SplittableRandom());
    }

    /**
     * @param nanoTime the monotonic time that frames, stalls and the shutdown deadline are measured in
     * @param jitter   the reconnect jitter, used on the scheduler thread only
     */
    FeedClient(FeedProperties properties, DhanAccess access, TickApplier applier, Freshness freshness,
               FeedMetrics metrics, Clock clock, LongSupplier nanoTime, RandomGenerator jitter) {
        this(properties, access, applier, freshness, metrics, clock, new OkHttpClient(), true, nanoTime, jitter);
    }

    private FeedClient(FeedProperties properties, DhanAccess access, TickApplier applier, Freshness freshness,
                       FeedMetrics metrics, Clock clock, OkHttpClient base, boolean ownsHttp, LongSupplier nanoTime,
                       RandomGenerator jitter) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.ownsHttp = ownsHttp;
        this.status = new FeedStatus(nanoTime);
        this.http = base.newBuilder()
                // Dhan pings every 10 s and OkHttp answers; our own ping finds a peer that died without a FIN.
                .pingInterval(properties.pingInterval())
                .webSocketCloseTimeout(properties.closeTimeout())
                .build();
        // A plain ScheduledThreadPoolExecutor, not Executors' unconfigurable wrapper, so its metrics see its queue.
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, SCHEDULER);
            thread.setDaemon(true);
            return thread;
        });
        Objects.requireNonNull(freshness, "freshness");
        this.connector = new FeedConnector(properties, access, applier, metrics, clock, nanoTime,
                new ReconnectPolicy(properties, jitter), status, http, scheduler, freshness::isMarketOpen);
        long watchPeriod = connector.stallWatchPeriodMillis();
        scheduler.scheduleWithFixedDelay(connector::watchForStalls, watchPeriod, watchPeriod, TimeUnit.MILLISECONDS);
        freshness.attach(this);
    }

    /** Subscribes the chain's instruments once the start-up loader has filled the cache. */
    @EventListener
    public void onChainReady(ChainReadyEvent event) {
        subscribe(event.index());
    }

    /** Follows a reload of the instrument list on the open connections ({@link SubscriptionBook}). */
    @EventListener
    public void onUniverseReloaded(UniverseReloadedEvent event) {
        run(() -> {
            SubscriptionBook.Change change = book.moveTo(event.current());
            status.beyondAllowance(book.beyondAllowance());
            if (!change.isEmpty()) {
                connector.apply(change, book);
            }
        });
    }

    /**
     * Connects and subscribes every instrument of {@code index} (options in Full mode, underlyings in
     * Ticker mode), replacing the connections of an earlier index. Returns at once; the work happens
     * on the feed's scheduler thread.
     */
    public void subscribe(InstrumentIndex index) {
        run(() -> {
            book = new SubscriptionBook(properties);
            book.moveTo(index);
            List<Subscriptions.Connection> connections = new ArrayList<>(book.connectionCount());
            for (int c = 0; c < book.connectionCount(); c++) {
                connections.add(new Subscriptions.Connection(book.size(c), book.subscribeAll(c)));
            }
            Subscriptions plan = new Subscriptions(connections, book.beyondAllowance());
            status.beyondAllowance(plan.dropped());
            if (plan.dropped() > 0) {
                // The index lists options nearest expiry first, nearest the money first (ChainAssembler), so the
                // legs left out are the furthest expiries' far strikes: they show no live price, never a stale one.
                log.warn("The chain has {} instruments but Dhan streams {} connections of {} instruments: subscribing "
                                + "the {} nearest (by expiry, then strike), {} far option legs get no live prices. "
                                + "Configure fewer livechain.underlyings to stream them all.",
                        plan.instrumentCount() + plan.dropped(), properties.maxConnections(),
                        properties.maxInstrumentsPerConnection(), plan.instrumentCount(), plan.dropped());
            }
            connector.replace(plan);
        });
    }

    private void run(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: there is nothing left to connect.
        }
    }

    // ---- FeedState, as FeedStatus adds it up --------------------------------------------------------

    @Override
    public boolean isUp() {
        return status.isUp();
    }

    @Override
    public long upSinceMillis() {
        return status.upSinceMillis();
    }

    @Override
    public String reason() {
        return status.reason();
    }

    /** Instruments subscribed on connections that are up now. */
    public int subscribedInstruments() {
        return status.subscribedInstruments();
    }

    /** Seconds since the last binary frame on any connection, {@code NaN} before the first. */
    public double lastFrameAgeSeconds() {
        return status.lastFrameAgeSeconds();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        status.bindTo(registry);
        new ExecutorServiceMetrics(scheduler, SCHEDULER, List.of()).bindTo(registry);
    }

    // ---- Shutdown --------------------------------------------------------------------------------

    /**
     * Sends {@code {"RequestCode":12}} on every open socket and closes it, waiting at most
     * {@code close-timeout} for the close handshakes before cancelling what is left.
     */
    @Override
    public void close() {
        if (!status.close()) {
            return;
        }
        long timeoutNanos = properties.closeTimeout().toNanos();
        long deadline = nanoTime.getAsLong() + timeoutNanos;
        List<FeedSession> closing = new ArrayList<>();
        try {
            Future<?> goodbye = scheduler.submit(() -> {
                for (FeedLink link : status.links()) {
                    FeedSession session = link.retire("shut down");
                    if (session != null) {
                        session.webSocket.send(Subscriptions.DISCONNECT_MESSAGE);
                        session.webSocket.close(1000, "shutdown");
                        closing.add(session);
                    }
                }
            });
            goodbye.get(timeoutNanos, TimeUnit.NANOSECONDS);
            for (FeedSession session : closing) {
                while (!session.finished && nanoTime.getAsLong() - deadline < 0) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("Feed shutdown did not finish cleanly: {}", Redaction.describe(e));
        } finally {
            for (FeedSession session : closing) {
                session.webSocket.cancel();
            }
            scheduler.shutdownNow();
            if (ownsHttp) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
            log.info("Feed closed");
        }
    }

    /** Runs the stall watchdog now, on the scheduler thread; for tests that move {@code nanoTime} by hand. */
    Future<?> checkStalls() {
        return scheduler.submit(connector::watchForStalls);
    }
}
