package com.livechain.simulator.feed;

import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimInstrument;
import com.livechain.simulator.market.SimulatedMarket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;

/**
 * The live-feed side of the simulator (protocol §3): authenticates new connections from their query string,
 * enforces Dhan's connection and subscription limits, answers subscription requests, fans each market tick
 * out to the connections subscribed to what changed, pings, drops clients that stop answering, and carries
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
    private final JsonMapper json = JsonMapper.builder().build();
    /** Authenticated connections, oldest first. */
    private final List<FeedConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    public FeedHub(SimulatedMarket market, SimulatorAuth auth, SimulatorCounters counters, SimulatorProperties properties,
            ScheduledExecutorService scheduler) {
        this.market = market;
        this.auth = auth;
        this.counters = counters;
        this.properties = properties;
        this.scheduler = scheduler;
        market.listener(this);
        long ping = properties.pingInterval().toNanos();
        timers.add(scheduler.scheduleAtFixedRate(DhanSimulator.guarded("ping", this::pingAll), ping, ping,
                TimeUnit.NANOSECONDS));
        long check = Math.max(20_000_000L, Math.min(1_000_000_000L, properties.pongTimeout().toNanos() / 4));
        timers.add(scheduler.scheduleAtFixedRate(DhanSimulator.guarded("pong timeout", this::dropSilent), check, check,
                TimeUnit.NANOSECONDS));
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
        FeedConnection connection = new FeedConnection(ids.incrementAndGet(), session, market.instrumentCount(),
                counters, () -> drop(holder[0]));
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
            counters.onPongReceived();
            connection.lastHeardNanos = System.nanoTime();
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
        connection.lastHeardNanos = System.nanoTime();
        JsonNode request;
        try {
            request = json.readTree(text);
        } catch (JacksonException e) {
            request = null;
        }
        JsonNode code = request == null ? null : request.get("RequestCode");
        if (code == null || !code.isIntegralNumber()) {
            counters.onInvalidRequest();
            disconnect(connection, INVALID_REQUEST);
            return;
        }
        int requestCode = code.asInt();
        switch (requestCode) {
            case 12 -> {
                counters.onRequest(12, 0);
                disconnect(connection, 0);
            }
            case 15, 17, 21 -> subscribe(connection, requestCode, request, true);
            case 16, 18, 22 -> subscribe(connection, requestCode, request, false);
            default -> {
                // 11 (v1 connect) and 23/24 (depth, separate endpoints) are not for this feed.
                counters.onRequest(requestCode, 0);
                counters.onInvalidRequest();
            }
        }
    }

    private void subscribe(FeedConnection connection, int requestCode, JsonNode request, boolean add) {
        JsonNode list = request.get("InstrumentList");
        if (list == null || !list.isArray()) {
            counters.onRequest(requestCode, 0);
            counters.onInvalidRequest();
            disconnect(connection, INVALID_REQUEST);
            return;
        }
        counters.onRequest(requestCode, list.size());
        JsonNode declared = request.get("InstrumentCount");
        int declaredCount = declared != null && declared.canConvertToInt() ? declared.asInt() : list.size();
        if (list.size() > properties.maxInstrumentsPerMessage() || declaredCount > properties.maxInstrumentsPerMessage()) {
            disconnect(connection, TOO_MANY_INSTRUMENTS);
            return;
        }
        int mode = switch (requestCode) {
            case 15, 16 -> FeedConnection.MODE_TICKER;
            case 17, 18 -> FeedConnection.MODE_QUOTE;
            default -> FeedConnection.MODE_FULL;
        };
        synchronized (market) {
            List<SimInstrument> instruments = new ArrayList<>(list.size());
            for (JsonNode item : list) {
                SimInstrument instrument = resolve(item);
                if (instrument == null) {
                    counters.onUnknownInstrument();
                } else if (!instruments.contains(instrument)) {
                    instruments.add(instrument);
                }
            }
            if (add) {
                int added = 0;
                for (SimInstrument instrument : instruments) {
                    if (connection.modes[instrument.ordinal] == 0) {
                        added++;
                    }
                }
                if (connection.subscribed + added > properties.maxInstrumentsPerConnection()) {
                    disconnect(connection, TOO_MANY_INSTRUMENTS);
                    return;
                }
                // Market status (7) has no documented body or trigger (§3.5); one header-only packet ahead of the
                // first subscription's data makes every decoder meet it early.
                if (!connection.marketStatusSent) {
                    connection.marketStatusSent = true;
                    PacketWriter.marketStatus(connection.frameFor(PacketWriter.MARKET_STATUS_LENGTH));
                    connection.countPacket(PacketWriter.MARKET_STATUS);
                }
                for (SimInstrument instrument : instruments) {
                    int o = instrument.ordinal;
                    int before = connection.modes[o];
                    if ((before & mode) != 0) {
                        continue;
                    }
                    connection.modes[o] = (byte) (before | mode);
                    if (before == 0) {
                        connection.subscribed++;
                    }
                    if (!connection.prevCloseSent.get(o)) {
                        connection.prevCloseSent.set(o);
                        PacketWriter.prevClose(connection.frameFor(PacketWriter.PREV_CLOSE_LENGTH), instrument);
                        connection.countPacket(PacketWriter.PREV_CLOSE);
                    }
                    write(connection, instrument, mode);
                }
                connection.flush();
            } else {
                for (SimInstrument instrument : instruments) {
                    int o = instrument.ordinal;
                    int before = connection.modes[o];
                    if ((before & mode) == 0) {
                        continue;
                    }
                    connection.modes[o] = (byte) (before & ~mode);
                    if (connection.modes[o] == 0) {
                        connection.subscribed--;
                        connection.prevCloseSent.clear(o);
                    }
                }
            }
        }
    }

    /** {"ExchangeSegment":"NSE_FNO","SecurityId":"35001"}; SecurityId is a string in Dhan's protocol. */
    private SimInstrument resolve(JsonNode item) {
        JsonNode segment = item.get("ExchangeSegment");
        JsonNode id = item.get("SecurityId");
        if (segment == null || !segment.isString() || id == null || !id.isString()) {
            return null;
        }
        try {
            return market.find(ExchangeSegment.valueOf(segment.stringValue()), Long.parseLong(id.stringValue()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void onTick(int[] changed, int count) {
        long now = System.nanoTime();
        for (FeedConnection connection : connections) {
            if (connection.closing || connection.stalled(now) || connection.subscribed == 0) {
                continue;
            }
            byte[] modes = connection.modes;
            for (int i = 0; i < count; i++) {
                int o = changed[i];
                int mode = modes[o];
                if (mode != 0) {
                    write(connection, market.instrument(o), mode);
                }
            }
            connection.flush();
        }
    }

    /** The packets of each subscribed mode: ticker (2); quote (4) + OI (5); full (8). */
    private static void write(FeedConnection connection, SimInstrument instrument, int mode) {
        if ((mode & FeedConnection.MODE_TICKER) != 0) {
            PacketWriter.ticker(connection.frameFor(PacketWriter.TICKER_LENGTH), instrument);
            connection.countPacket(PacketWriter.TICKER);
        }
        if ((mode & FeedConnection.MODE_QUOTE) != 0) {
            PacketWriter.quote(connection.frameFor(PacketWriter.QUOTE_LENGTH), instrument);
            connection.countPacket(PacketWriter.QUOTE);
            PacketWriter.oi(connection.frameFor(PacketWriter.OI_LENGTH), instrument);
            connection.countPacket(PacketWriter.OI);
        }
        if ((mode & FeedConnection.MODE_FULL) != 0) {
            PacketWriter.full(connection.frameFor(PacketWriter.FULL_LENGTH), instrument);
            connection.countPacket(PacketWriter.FULL);
        }
    }

    private void pingAll() {
        long now = System.nanoTime();
        for (FeedConnection connection : connections) {
            if (!connection.closing && !connection.stalled(now)) {
                connection.ping();
            }
        }
    }

    /** Dhan: no response for longer than the timeout and the server closes the connection (§3.3). */
    private void dropSilent() {
        long now = System.nanoTime();
        long timeout = properties.pongTimeout().toNanos();
        for (FeedConnection connection : connections) {
            if (connection.closing || connection.stalled(now)) {
                continue;
            }
            if (now - connection.lastHeardNanos > timeout) {
                counters.onPongTimeout();
                connections.remove(connection);
                connection.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping timeout"));
                // A client that does not pong may not read either; do not wait for its close frame.
                scheduler.schedule(connection::abort, 2, TimeUnit.SECONDS);
            }
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
        long until = System.nanoTime() + duration.toNanos();
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
        connection.lastHeardNanos = System.nanoTime();
        connection.resumeReading();
    }

    /**
     * Malformed frames, each a case a decoder must survive, mixed with valid packets: an unknown response code
     * between valid packets, a frame shorter than a header, a full packet cut short, a length field smaller
     * than the header, a length field wrong for its code, a batch whose last packet is cut short, and a text
     * frame (Dhan sends only binary).
     */
    public int sendGarbage() {
        int n = 0;
        for (FeedConnection connection : connections) {
            if (connection.closing) {
                continue;
            }
            for (ByteBuffer frame : garbageFrames()) {
                connection.sendFrame(frame);
                counters.onGarbageFrameSent();
            }
            connection.sendText("{\"garbage\":true}");
            counters.onGarbageFrameSent();
            n++;
        }
        return n;
    }

    private List<ByteBuffer> garbageFrames() {
        SimInstrument nifty;
        synchronized (market) {
            nifty = market.instrument(0);
            List<ByteBuffer> frames = new ArrayList<>();

            ByteBuffer mixed = le(PacketWriter.TICKER_LENGTH + 12 + PacketWriter.PREV_CLOSE_LENGTH);
            PacketWriter.ticker(mixed, nifty);
            PacketWriter.header(mixed, 99, 12, 0, 0);
            mixed.putInt(0x7F7F7F7F);
            PacketWriter.prevClose(mixed, nifty);
            frames.add(mixed.flip());

            ByteBuffer tooShort = le(5);
            tooShort.put((byte) PacketWriter.TICKER).putShort((short) PacketWriter.TICKER_LENGTH).put((byte) 0).put((byte) 13);
            frames.add(tooShort.flip());

            ByteBuffer truncated = le(40);
            PacketWriter.header(truncated, PacketWriter.FULL, PacketWriter.FULL_LENGTH, nifty.segment.code(), nifty.securityId);
            truncated.putFloat((float) nifty.ltp);
            frames.add(truncated.position(40).flip());

            ByteBuffer lengthBelowHeader = le(4 + PacketWriter.TICKER_LENGTH);
            lengthBelowHeader.put((byte) PacketWriter.TICKER).putShort((short) 4).put((byte) 0);
            PacketWriter.ticker(lengthBelowHeader, nifty);
            frames.add(lengthBelowHeader.flip());

            ByteBuffer wrongLength = le(170);
            PacketWriter.header(wrongLength, PacketWriter.FULL, 170, nifty.segment.code(), nifty.securityId);
            frames.add(wrongLength.position(170).flip());

            ByteBuffer cutBatch = le(PacketWriter.TICKER_LENGTH + 10);
            PacketWriter.ticker(cutBatch, nifty);
            PacketWriter.header(cutBatch, PacketWriter.TICKER, PacketWriter.TICKER_LENGTH, 0, nifty.securityId);
            cutBatch.putShort((short) 1);
            frames.add(cutBatch.flip());
            return frames;
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
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
