package com.livechain.simulator.feed;

import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimulatedMarket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * The live-feed side of the simulator (protocol §3): authenticates new connections from their query string,
 * enforces Dhan's connection limit, hands subscription requests to {@link FeedRequests}, fans each market tick
 * out to the connections subscribed to what changed, keeps connections alive ({@link Keepalive}), and carries
 * out the feed faults.
 */
public final class FeedHub implements SimulatedMarket.TickListener {

    static final String CONNECTION = "dhan-sim.connection";

    // Dhan feed disconnect reasons (protocol §1.6, Data API codes).
    static final int TOO_MANY_INSTRUMENTS = 804;
    static final int TOO_MANY_CONNECTIONS = 805;
    public static final int TOKEN_EXPIRED = 807;
    static final int AUTHENTICATION_FAILED = 808;
    static final int TOKEN_INVALID = 809;
    static final int INVALID_REQUEST = 814;

    private final SimulatedMarket market;
    private final SimulatorAuth auth;
    private final SimulatorCounters counters;
    private final SimulatorProperties properties;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;
    private final FeedRequests requests;
    /** Authenticated connections, oldest first. */
    private final List<FeedConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    /** @param nanoTime the monotonic time pings, pong timeouts and stalls are measured on */
    public FeedHub(SimulatedMarket market, SimulatorAuth auth, SimulatorCounters counters, SimulatorProperties properties,
            ScheduledExecutorService scheduler, LongSupplier nanoTime) {
        this.market = market;
        this.auth = auth;
        this.counters = counters;
        this.properties = properties;
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.requests = new FeedRequests(market, counters, properties);
        market.listener(this);
        long period = Keepalive.periodNanos(properties);
        timers.add(scheduler.scheduleAtFixedRate(DhanSimulator.guarded("keepalive",
                new Keepalive(connections, counters, properties, scheduler, nanoTime)), period, period, TimeUnit.NANOSECONDS));
    }

    /**
     * A WebSocket was opened. Dhan takes credentials in the query string and, on a bad one, accepts the upgrade
     * and then sends a disconnect packet (protocol §3.5 lists 807/808/809/810 as disconnect reasons; the
     * user reports in §4 describe closes after the connection opened), so the simulator does the same:
     * 807 for a rotated (expired) token, 809 for a token it never issued, 808 for a wrong or missing client id
     * or wrong version/authType.
     */
    void opened(Session session) {
        counters.onConnectionAccepted();
        session.setMaxTextMessageBufferSize(64 * 1024);
        session.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", 10_000L);
        Map<String, List<String>> query = session.getRequestParameterMap();
        int reason = 0;
        if (!"2".equals(first(query, "version")) || !"2".equals(first(query, "authType"))) {
            reason = AUTHENTICATION_FAILED;
        } else {
            switch (auth.check(first(query, "clientId"), first(query, "token"))) {
                case OK -> reason = 0;
                case EXPIRED -> reason = TOKEN_EXPIRED;
                case BAD_TOKEN -> reason = TOKEN_INVALID;
                case BAD_CLIENT -> reason = AUTHENTICATION_FAILED;
            }
        }
        if (reason != 0) {
            counters.onAuthFailure();
            try {
                session.getBasicRemote().sendBinary(PacketWriter.disconnect(reason));
                counters.onPacketSent(PacketWriter.DISCONNECT);
                counters.onFrameSent();
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "disconnect " + reason));
            } catch (Exception e) {
                // Peer already gone.
            }
            return;
        }
        counters.onConnectionAuthenticated();
        FeedConnection[] holder = new FeedConnection[1];
        FeedConnection connection = new FeedConnection(ids.incrementAndGet(), session, nanoTime.getAsLong(),
                market.instrumentCount(), counters, () -> drop(holder[0]));
        holder[0] = connection;
        session.getUserProperties().put(CONNECTION, connection);
        FeedConnection kicked = null;
        synchronized (market) {
            connections.add(connection);
            if (connections.size() > properties.maxConnections()) {
                kicked = connections.remove(0);
            }
        }
        if (kicked != null) {
            // Dhan: opening one connection more than allowed disconnects the first (§3.3).
            counters.onConnectionKicked();
            kicked.disconnect(TOO_MANY_CONNECTIONS);
        }
    }

    /** The WebSocket closed (either side) or failed. */
    void closed(Session session) {
        FeedConnection connection = (FeedConnection) session.getUserProperties().get(CONNECTION);
        if (connection == null) {
            return;
        }
        counters.onConnectionClosed();
        connections.remove(connection);
        connection.stopSender();
    }

    void pong(Session session) {
        FeedConnection connection = connection(session);
        if (connection != null) {
            connection.lastHeardNanos = nanoTime.getAsLong();
            counters.onPongReceived();
        }
    }

    /** Number of live, authenticated connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** A JSON text frame: a subscription request (§3.2). */
    void request(Session session, String text) {
        FeedConnection connection = connection(session);
        if (connection == null || connection.closing) {
            return;
        }
        connection.lastHeardNanos = nanoTime.getAsLong();
        int end = requests.handle(connection, text);
        if (end != FeedRequests.CARRY_ON) {
            disconnect(connection, end);
        }
    }

    @Override
    public void onTick(int[] changed, int count) {
        long now = nanoTime.getAsLong();
        for (FeedConnection connection : connections) {
            if (connection.closing || connection.stalled(now) || connection.subscribed == 0) {
                continue;
            }
            byte[] modes = connection.modes;
            for (int i = 0; i < count; i++) {
                int o = changed[i];
                int mode = modes[o];
                if (mode != 0) {
                    connection.write(market.instrument(o), mode);
                }
            }
            connection.flush();
        }
    }

    /** Cuts every connection's TCP connection without a close frame. */
    public int dropAll() {
        int n = 0;
        for (FeedConnection connection : connections) {
            connections.remove(connection);
            connection.abort();
            n++;
        }
        return n;
    }

    /** Sends a disconnect packet with {@code reason} to every connection and closes them. */
    public int disconnectAll(int reason) {
        int n = 0;
        for (FeedConnection connection : connections) {
            disconnect(connection, reason);
            n++;
        }
        return n;
    }

    /**
     * "Connected but mute": every open connection stops sending frames and pings and stops reading (so the
     * client's pings go unanswered) for {@code duration}, then resumes where the market is. New connections
     * are not affected.
     */
    public int stallAll(Duration duration) {
        // stalledUntilNanos == 0 means "not stalled"; a deadline that happens to be 0 is nudged by a nanosecond.
        long until = nanoTime.getAsLong() + duration.toNanos();
        long deadline = until == 0 ? 1 : until;
        int n = 0;
        for (FeedConnection connection : connections) {
            connection.stalledUntilNanos = deadline;
            connection.discardPending();
            connection.suspendReading();
            scheduler.schedule(() -> resume(connection), duration.toNanos(), TimeUnit.NANOSECONDS);
            n++;
        }
        return n;
    }

    /** Ends every stall now. */
    public void resumeAll() {
        for (FeedConnection connection : connections) {
            if (connection.stalledUntilNanos != 0) {
                resume(connection);
            }
        }
    }

    private void resume(FeedConnection connection) {
        if (connection.stalledUntilNanos == 0) {
            return;
        }
        connection.stalledUntilNanos = 0;
        connection.lastHeardNanos = nanoTime.getAsLong();
        connection.resumeReading();
    }

    /** {@link GarbageFrames} to every connection, then a text frame (Dhan sends only binary). */
    public int sendGarbage() {
        int n = 0;
        for (FeedConnection connection : connections) {
            if (connection.closing) {
                continue;
            }
            List<ByteBuffer> frames;
            synchronized (market) {
                frames = GarbageFrames.around(market.instrument(0));
            }
            for (ByteBuffer frame : frames) {
                connection.sendFrame(frame);
                counters.onGarbageFrameSent();
            }
            connection.sendText("{\"garbage\":true}");
            counters.onGarbageFrameSent();
            n++;
        }
        return n;
    }

    /** Disconnect packet and close; reason 0 = a plain close (the client asked with RequestCode 12). */
    private void disconnect(FeedConnection connection, int reason) {
        connections.remove(connection);
        if (reason == 0) {
            connection.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "disconnect requested"));
        } else {
            connection.disconnect(reason);
        }
    }

    private void drop(FeedConnection connection) {
        if (connection != null) {
            connections.remove(connection);
            connection.abort();
        }
    }

    private static FeedConnection connection(Session session) {
        return (FeedConnection) session.getUserProperties().get(CONNECTION);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public void close() {
        timers.forEach(t -> t.cancel(false));
        for (FeedConnection connection : connections) {
            connection.abort();
        }
        connections.clear();
    }
}
