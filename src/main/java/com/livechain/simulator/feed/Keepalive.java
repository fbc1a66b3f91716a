package com.livechain.simulator.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.websocket.CloseReason;

import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;

/**
 * Dhan's keepalive (§3.3): the server pings every {@code pingInterval}, and a client not heard from (a pong or
 * a message) for longer than {@code pongTimeout} is closed. Both are measured on the hub's monotonic time, so
 * a test can move it by hand; {@link #run()} is called often (see {@link #periodNanos}) and does what is due.
 * Stalled connections (a fault) neither get pings nor time out.
 */
final class Keepalive implements Runnable {

    private final List<FeedConnection> connections;
    private final SimulatorCounters counters;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;
    private final long pingNanos;
    private final long timeoutNanos;
    /** When the last round of pings went out; {@link #run()} runs once at a time (a periodic task). */
    private long pingedAtNanos;

    Keepalive(List<FeedConnection> connections, SimulatorCounters counters, SimulatorProperties properties,
              ScheduledExecutorService scheduler, LongSupplier nanoTime) {
        this.connections = connections;
        this.counters = counters;
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.pingNanos = properties.pingInterval().toNanos();
        this.timeoutNanos = properties.pongTimeout().toNanos();
        this.pingedAtNanos = nanoTime.getAsLong();
    }

    /** How often {@link #run()} should be called: a tenth of the shorter period, between 10 ms and 1 s. */
    static long periodNanos(SimulatorProperties properties) {
        long shorter = Math.min(properties.pingInterval().toNanos(), properties.pongTimeout().toNanos());
        return Math.max(Duration.ofMillis(10).toNanos(), Math.min(Duration.ofSeconds(1).toNanos(), shorter / 10));
    }

    /** Closes the connections silent for too long, then pings the others if a ping is due. */
    @Override
    public void run() {
        long now = nanoTime.getAsLong();
        for (FeedConnection connection : connections) {
            if (connection.closing || connection.stalled(now)) {
                continue;
            }
            if (now - connection.lastHeardNanos > timeoutNanos) {
                counters.onPongTimeout();
                connections.remove(connection);
                connection.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping timeout"));
                // A client that does not pong may not read either; do not wait for its close frame.
                scheduler.schedule(connection::abort, 2, TimeUnit.SECONDS);
            }
        }
        if (now - pingedAtNanos >= pingNanos) {
            pingedAtNanos = now;
            for (FeedConnection connection : connections) {
                if (!connection.closing && !connection.stalled(now)) {
                    connection.ping();
                }
            }
        }
    }
}
