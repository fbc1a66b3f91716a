package com.livechain.dhan.feed;

import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the feed's connections add up to, for {@code FeedState}, the health report and the gauges: up only
 * when every connection is, and the first one that is not says why. Written by the feed's scheduler thread,
 * read by any.
 */
final class FeedStatus {

    private final LongSupplier nanoTime;
    private volatile FeedLink[] links = new FeedLink[0];
    private volatile boolean planned;
    /** Option legs beyond Dhan's instrument allowance in the current plan: in the chain, never streamed. */
    private volatile int beyondAllowance;
    private volatile boolean closed;

    FeedStatus(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    FeedLink[] links() {
        return links;
    }

    void planned(FeedLink[] fresh) {
        links = fresh;
        planned = true;
    }

    void beyondAllowance(int legs) {
        beyondAllowance = legs;
    }

    /** Shutting down: down for good. {@code false} if it already was. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isUp() {
        FeedLink[] current = links;
        if (current.length == 0 || closed) {
            return false;
        }
        for (FeedLink link : current) {
            if (!link.up) {
                return false;
            }
        }
        return true;
    }

    /** The latest subscription time over the connections: a tick older than that may predate a reconnect. */
    long upSinceMillis() {
        FeedLink[] current = links;
        if (current.length == 0) {
            return Long.MAX_VALUE;
        }
        long since = Long.MIN_VALUE;
        for (FeedLink link : current) {
            since = Math.max(since, link.upSinceMillis);
        }
        return since;
    }

    String reason() {
        if (closed) {
            return "shut down";
        }
        FeedLink[] current = links;
        if (current.length == 0) {
            return planned ? "nothing to subscribe" : "waiting for the chain to load";
        }
        for (FeedLink link : current) {
            if (!link.up) {
                return current.length == 1 ? link.reason
                        : "connection " + link.number + " of " + current.length + ": " + link.reason;
            }
        }
        return "up";
    }

    /** Instruments subscribed on connections that are up now. */
    int subscribedInstruments() {
        int n = 0;
        for (FeedLink link : links) {
            if (link.up) {
                n += link.subscriptions.instrumentCount();
            }
        }
        return n;
    }

    /** Seconds since the last binary frame on any connection, {@code NaN} before the first. */
    double lastFrameAgeSeconds() {
        long last = FeedLink.NEVER;
        for (FeedLink link : links) {
            last = Math.max(last, link.lastFrameNanos);
        }
        return last == FeedLink.NEVER ? Double.NaN : (nanoTime.getAsLong() - last) / 1e9;
    }

    void bindTo(MeterRegistry registry) {
        Gauge.builder("livechain.feed.up", this, s -> s.isUp() ? 1 : 0)
                .description("1 when every feed connection is connected and subscribed")
                .register(registry);
        Gauge.builder("livechain.feed.subscriptions", this, FeedStatus::subscribedInstruments)
                .description("Instruments subscribed on connections that are up")
                .register(registry);
        Gauge.builder("livechain.feed.unsubscribed", this, s -> s.beyondAllowance)
                .description("Option legs in the chain that Dhan's instrument allowance leaves without a subscription")
                .register(registry);
        Gauge.builder("livechain.feed.last.frame.age", this, FeedStatus::lastFrameAgeSeconds)
                .description("Time since the last binary frame from the feed")
                .baseUnit("seconds")
                .register(registry);
    }
}
