package com.livechain.dhan.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces requests at least {@code interval} apart, blocking each caller until its slot.
 *
 * <p>Each caller reserves the next free slot under the lock and sleeps outside it, so callers are
 * served in the order they arrived and none holds the lock while waiting. A slot that a caller
 * gives up (interrupted) is not reused: the next request still waits, which errs on the side Dhan
 * wants.
 */
public final class RequestThrottle {

    /** How the throttle waits. Tests pass one that only advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    /** Guarded by {@code this}: the earliest time the next request may start, once one has been made. */
    private long nextSlot;
    private boolean anyReserved;

    public RequestThrottle(Duration interval) {
        this(interval, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public RequestThrottle(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Blocks until this caller may send its request. */
    public void acquire() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            // Compare by difference: nanoTime values may wrap.
            slot = anyReserved && nextSlot - now > 0 ? nextSlot : now;
            nextSlot = slot + intervalNanos;
            anyReserved = true;
        }
        long wait;
        while ((wait = slot - nanoTime.getAsLong()) > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
