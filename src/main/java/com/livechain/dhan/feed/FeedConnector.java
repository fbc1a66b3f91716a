package com.livechain.dhan.feed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.chain.TickApplier;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.Redaction;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.feed.ReconnectPolicy.Loss;
import com.livechain.dhan.feed.ReconnectPolicy.Retry;

/**
 * Keeps each {@link FeedLink} connected: opens its socket with freshly read credentials, sends its
 * subscription, marks it up, and when a socket is lost (a disconnect packet, a close, a failure, a stall)
 * closes it and schedules the next attempt as {@link ReconnectPolicy} paces it. Everything here runs on the
 * feed's scheduler thread, which owns the connection state; sockets hand their events over through
 * {@link FeedSession.Events}.
 */
final class FeedConnector {

    /** The feed client's logger: operators know the feed's log lines by that name. */
    private static final Logger log = LoggerFactory.getLogger(FeedClient.class);

    /** How long a reconnect after a rejection waits for Dhan to reject it again before it counts as up. */
    private static final long PROBATION_MILLIS = 3_000;

    private final FeedProperties properties;
    private final DhanAccess access;
    private final TickApplier applier;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ReconnectPolicy reconnects;
    private final StallWatchdog stalls;
    private final FeedStatus status;
    private final OkHttpClient http;
    private final ScheduledExecutorService scheduler;
    private final FeedSession.Events events = new Events();

    FeedConnector(FeedProperties properties, DhanAccess access, TickApplier applier, FeedMetrics metrics, Clock clock,
                  LongSupplier nanoTime, ReconnectPolicy reconnects, FeedStatus status, OkHttpClient http,
                  ScheduledExecutorService scheduler, LongPredicate marketOpen) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.access = Objects.requireNonNull(access, "access");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.reconnects = Objects.requireNonNull(reconnects, "reconnects");
        this.stalls = new StallWatchdog(properties, clock, marketOpen);
        this.status = Objects.requireNonNull(status, "status");
        this.http = Objects.requireNonNull(http, "http");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** How often {@link #watchForStalls()} should run. */
    long stallWatchPeriodMillis() {
        return stalls.periodMillis();
    }

    private void run(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: late callbacks from sockets being torn down have nothing left to do.
        }
    }

    /** Replaces the connections of an earlier plan with this one's, and connects them. */
    void replace(Subscriptions plan) {
        if (status.isClosed()) {
            return;
        }
        for (FeedLink old : status.links()) {
            FeedSession session = old.retire("resubscribing");
            if (session != null) {
                closeQuietly(session, "resubscribing");
            }
        }
        int n = plan.connections().size();
        FeedLink[] fresh = new FeedLink[n];
        for (int i = 0; i < n; i++) {
            fresh[i] = new FeedLink(i + 1, plan.connections().get(i));
        }
        status.planned(fresh);
        log.info("Feed: subscribing {} instruments on {} connection(s)", plan.instrumentCount(), n);
        for (FeedLink link : fresh) {
            connect(link);
        }
    }

    /**
     * Moves the open connections to a reloaded instrument list without reconnecting them: on each link that is
     * subscribed now, unsubscribe what was delisted and subscribe what was listed (unsubscribes first, to free
     * Dhan's slots); a link that is connecting or down picks the new set up when it next subscribes. A further
     * connection opens only when the book needs one.
     */
    void apply(SubscriptionBook.Change change, SubscriptionBook book) {
        if (status.isClosed()) {
            return;
        }
        FeedLink[] links = status.links();
        int count = book.connectionCount();
        FeedLink[] next = links.length >= count ? links : Arrays.copyOf(links, count);
        for (int c = 0; c < count; c++) {
            Subscriptions.Connection now = new Subscriptions.Connection(book.size(c), book.subscribeAll(c));
            if (c >= links.length) {
                next[c] = new FeedLink(c + 1, now);
                continue;
            }
            FeedLink link = links[c];
            link.subscriptions = now;
            FeedSession session = link.current;
            if (session == null || !session.subscribed) {
                continue;
            }
            List<String> messages = new ArrayList<>(change.unsubscribe().getOrDefault(c, List.of()));
            messages.addAll(change.subscribe().getOrDefault(c, List.of()));
            for (String message : messages) {
                if (!session.webSocket.send(message)) {
                    lost(session, new Loss("could not send a subscription change", Retry.NORMAL));
                    break;
                }
            }
        }
        if (next != links) {
            status.planned(next);
            for (int c = links.length; c < count; c++) {
                connect(next[c]);
            }
        }
        log.info("Feed: instrument list reloaded, {} subscribed, {} unsubscribed on {} connection(s)",
                change.added(), change.removed(), count);
    }

    private void connect(FeedLink link) {
        link.retry = null;
        if (status.isClosed() || link.retired) {
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
            down(link, new Loss("cannot read the Dhan credentials: " + Redaction.describe(e), Retry.SLOW));
            return;
        }
        if (dhan == null) {
            down(link, new Loss("no Dhan credentials", Retry.SLOW));
            return;
        }
        FeedSession session = new FeedSession(link, applier, metrics, events, nanoTime, dhan.accessToken(), dhan.clientId());
        try {
            Request request = new Request.Builder().url(FeedUrl.of(access.feedUrl(), dhan)).build();
            // Set before the socket exists, so its callbacks always find themselves current.
            link.current = session;
            session.webSocket = http.newWebSocket(request, session);
        } catch (RuntimeException e) {
            link.current = null;
            session.retireCounts();
            down(link, new Loss("cannot connect: " + session.describe(e), Retry.SLOW));
        }
    }

    private void opened(FeedSession session) {
        FeedLink link = session.link;
        if (link.current != session) {
            closeQuietly(session, "replaced");
            return;
        }
        for (String message : link.subscriptions.messages()) {
            if (!session.webSocket.send(message)) {
                lost(session, new Loss("could not send the subscription", Retry.NORMAL));
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
    private void confirm(FeedSession session) {
        FeedLink link = session.link;
        if (link.current == session && session.subscribed && !link.up) {
            markUp(session);
        }
    }

    private void markUp(FeedSession session) {
        FeedLink link = session.link;
        link.probation = false;
        link.stallBaselineNanos = nanoTime.getAsLong();
        link.upSinceMillis = clock.millis();
        link.up = true;
        link.reason = "up";
        log.info("Feed connection {} of {} up: {} instruments subscribed in {} messages (attempt {})",
                link.number, status.links().length, link.subscriptions.instrumentCount(),
                link.subscriptions.messages().size(), link.attempts);
    }

    private void disconnected(FeedSession session, int code) {
        if (session.link.current != session) {
            return;
        }
        metrics.disconnect(code);
        lost(session, ReconnectPolicy.disconnect(code));
    }

    void watchForStalls() {
        try {
            boolean watching = stalls.watching();
            long now = nanoTime.getAsLong();
            for (FeedLink link : status.links()) {
                FeedSession session = link.current;
                if (session == null || !link.up) {
                    continue;
                }
                if (!watching) {
                    // Silence outside market hours is normal; the clock starts again when the market opens.
                    link.stallBaselineNanos = now;
                    continue;
                }
                if (stalls.stalled(link, now)) {
                    // Counted here, logged once by down() as the state change it causes.
                    metrics.stall();
                    lost(session, new Loss(stalls.reason(), Retry.NORMAL));
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; the watchdog must survive anything.
            log.error("Feed stall watchdog failed: {}", Redaction.describe(e));
        }
    }

    /** The session is done for: close it and schedule the next attempt. Ignored for a session already replaced. */
    private void lost(FeedSession session, Loss loss) {
        FeedLink link = session.link;
        if (link.current != session) {
            return;
        }
        link.current = null;
        if (session.gotData) {
            link.failures = 0;
        }
        closeQuietly(session, "reconnecting");
        down(link, loss);
    }

    private void down(FeedLink link, Loss loss) {
        boolean wasUp = link.up;
        link.up = false;
        if (loss.retry() != Retry.NORMAL) {
            link.probation = true;
        }
        String previous = link.reason;
        link.reason = loss.reason();
        long delay = reconnects.delayMillis(loss.retry(), link.failures);
        if (loss.retry() == Retry.NORMAL) {
            link.failures++;
        }
        if (wasUp || !loss.reason().equals(previous)) {
            log.warn("Feed connection {} of {} down: {}; {}", link.number, status.links().length, loss.reason(),
                    reconnects.next(loss.retry(), delay));
        }
        link.retry = scheduler.schedule(() -> connect(link), delay, TimeUnit.MILLISECONDS);
    }

    private void closeQuietly(FeedSession session, String why) {
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

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A session's events, each handed to the scheduler thread. */
    private final class Events implements FeedSession.Events {
        @Override
        public void opened(FeedSession session) {
            run(() -> FeedConnector.this.opened(session));
        }

        @Override
        public void dataArrived(FeedSession session) {
            run(() -> confirm(session));
        }

        @Override
        public void disconnected(FeedSession session, int code) {
            run(() -> FeedConnector.this.disconnected(session, code));
        }

        @Override
        public void closedByServer(FeedSession session, String reason) {
            run(() -> lost(session, new Loss(reason, Retry.NORMAL)));
        }

        @Override
        public void failed(FeedSession session, Throwable failure, int handshakeStatus) {
            run(() -> lost(session, ReconnectPolicy.failure(handshakeStatus, session.describe(failure))));
        }
    }
}
