package com.livechain.dhan.feed;

import java.util.concurrent.ScheduledFuture;

/**
 * One feed connection: its share of the subscriptions and its reconnect state, across the sockets that
 * serve it one after another. Owned by the feed's scheduler thread; the volatile fields are also read by the
 * socket readers and the feed state.
 */
final class FeedLink {

    static final long NEVER = Long.MIN_VALUE;

    final int number;
    /** What this link subscribes on each (re)connect; replaced by a reload of the instrument list. */
    volatile Subscriptions.Connection subscriptions;

    // Scheduler thread only.
    int attempts;
    /** Losses paced as NORMAL since a socket of this link last delivered data. */
    int failures;
    boolean retired;
    /** Dhan rejected the last attempt: the next is up only once data arrives or no rejection follows. */
    boolean probation;
    ScheduledFuture<?> retry;
    /** The stall watchdog measures silence from here when no frame came since. */
    long stallBaselineNanos;

    // Read by other threads.
    volatile FeedSession current;
    volatile boolean up;
    volatile long upSinceMillis = Long.MAX_VALUE;
    volatile String reason = "connecting";
    volatile long lastFrameNanos = NEVER;

    FeedLink(int number, Subscriptions.Connection subscriptions) {
        this.number = number;
        this.subscriptions = subscriptions;
    }

    /** Stops the link for good and hands back its session, if any, for the caller to close. */
    FeedSession retire(String why) {
        retired = true;
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        up = false;
        reason = why;
        FeedSession session = current;
        current = null;
        return session;
    }
}
