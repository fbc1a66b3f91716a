package com.livechain.api.push;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import io.micrometer.core.instrument.Counter;

/**
 * Writes to browser sockets off the tick thread. A session has at most one push in flight (its {@code sending}
 * flag); a client that stops reading holds one pool thread for up to {@code livechain.push.send-time-limit},
 * Tomcat's blocking-send timeout, and is then closed as too slow.
 */
final class PushSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushSender.class);

    private final ThreadPoolExecutor threads;
    private final PushMetrics metrics;
    private final long sendTimeLimitMillis;
    private final CloseStatus tooSlow;

    PushSender(PushProperties properties, PushMetrics metrics) {
        this.metrics = metrics;
        this.sendTimeLimitMillis = properties.sendTimeLimit().toMillis();
        this.tooSlow = CloseStatus.SESSION_NOT_RELIABLE.withReason("Too slow: a message waited over "
                + sendTimeLimitMillis + " ms to be sent. Reconnect for a fresh snapshot.");
        // Sends are short unless a client stops reading; then one thread waits for up to the send
        // time limit. A few threads per core keep a handful of such clients from delaying the rest.
        int n = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.threads = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                PushBroadcaster.threads("push-send"));
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** The send threads, for their executor metrics. */
    ThreadPoolExecutor executor() {
        return threads;
    }

    /** Sends an error without blocking the caller (a socket reader thread or the tick). */
    void reply(PushSession session, TextMessage error) {
        execute(() -> {
            try {
                session.socket.sendMessage(error);
                metrics.errorsSent.increment();
            } catch (IOException | RuntimeException e) {
                log.debug("Could not send an error to {}: {}", session.id(), e.toString());
            }
        });
    }

    /** Sends a push; the session counts as sending until the send has returned. */
    void push(PushSession session, TextMessage message, Counter type, long renderedNanos) {
        session.sending.set(true);
        if (!execute(() -> send(session, message, type, renderedNanos))) {
            session.sending.set(false);
        }
    }

    private void send(PushSession session, TextMessage message, Counter type, long renderedNanos) {
        long started = System.nanoTime();
        try {
            session.socket.sendMessage(message);
            metrics.delivered(type, renderedNanos);
        } catch (SessionLimitExceededException e) {
            closeTooSlow(session);
        } catch (IOException | RuntimeException e) {
            // Tomcat's blocking send timed out (the client stopped reading), or the connection broke.
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (millis >= sendTimeLimitMillis) {
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
        metrics.slowClosed.increment();
        log.info("Closing browser session {}: a message waited over {} ms to be sent", session.id(), sendTimeLimitMillis);
        closeQuietly(session, tooSlow);
    }

    static void closeQuietly(PushSession session, CloseStatus status) {
        try {
            // Past the decorator: it would replace our reason with a bare SESSION_NOT_RELIABLE.
            session.raw().close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {}: {}", session.id(), e.toString());
        }
    }

    private boolean execute(Runnable task) {
        try {
            threads.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // shutting down
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
