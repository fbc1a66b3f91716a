package com.livechain.simulator.feed;

import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.market.SimInstrument;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;
import org.apache.tomcat.websocket.WsSession;

/**
 * One authenticated feed connection: its subscriptions and its outbound queue. A single sender thread per
 * connection writes everything (frames, pings, the closing handshake) in order, because a Jakarta
 * {@code Basic} remote must not be written by two threads at once and a slow reader must not hold up the
 * market thread.
 *
 * <p>Subscription state ({@link #modes}, {@link #prevCloseSent}, {@link #subscribed}, {@link #frame}) is guarded
 * by the market's monitor, like the instrument state it is read with.
 */
final class FeedConnection {

    static final int MODE_TICKER = 1;
    static final int MODE_QUOTE = 2;
    static final int MODE_FULL = 4;

    /** Largest binary frame the simulator sends; a tick's packets beyond it go in further frames. */
    static final int MAX_FRAME_BYTES = 8192;
    private static final int QUEUE_CAPACITY = 2048;
    private static final Object PING = new Object();
    private static final Object STOP = new Object();
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap("dhan-sim".getBytes(StandardCharsets.US_ASCII));

    final long id;
    final Session session;
    final long openedNanos;
    final byte[] modes;
    final BitSet prevCloseSent = new BitSet();
    int subscribed;
    boolean marketStatusSent;

    private final SimulatorCounters counters;
    private final BlockingQueue<Object> outbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ByteBuffer frame = ByteBuffer.allocate(MAX_FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final Thread sender;
    private final Runnable onSlowConsumer;
    volatile long lastHeardNanos;
    volatile long stalledUntilNanos;
    volatile boolean closing;

    /** @param openedNanos now, on the hub's monotonic time: the client counts as heard from */
    FeedConnection(long id, Session session, long openedNanos, int instruments, SimulatorCounters counters,
                   Runnable onSlowConsumer) {
        this.id = id;
        this.session = session;
        this.openedNanos = openedNanos;
        this.lastHeardNanos = openedNanos;
        this.modes = new byte[instruments];
        this.counters = counters;
        this.onSlowConsumer = onSlowConsumer;
        this.sender = new Thread(this::sendLoop, "dhan-sim-feed-" + id);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    boolean stalled(long nowNanos) {
        return stalledUntilNanos != 0 && nowNanos - stalledUntilNanos < 0;
    }

    /** Room for a packet of {@code length} bytes in the current frame, flushing it first if it is full. */
    ByteBuffer frameFor(int length) {
        if (frame.remaining() < length) {
            flush();
        }
        return frame;
    }

    void countPacket(int code) {
        counters.onPacketSent(code);
    }

    /** The packets of each subscribed mode of an instrument: ticker (2); quote (4) + OI (5); full (8). */
    void write(SimInstrument instrument, int mode) {
        if ((mode & MODE_TICKER) != 0) {
            PacketWriter.ticker(frameFor(PacketWriter.TICKER_LENGTH), instrument);
            countPacket(PacketWriter.TICKER);
        }
        if ((mode & MODE_QUOTE) != 0) {
            PacketWriter.quote(frameFor(PacketWriter.QUOTE_LENGTH), instrument);
            countPacket(PacketWriter.QUOTE);
            PacketWriter.oi(frameFor(PacketWriter.OI_LENGTH), instrument);
            countPacket(PacketWriter.OI);
        }
        if ((mode & MODE_FULL) != 0) {
            PacketWriter.full(frameFor(PacketWriter.FULL_LENGTH), instrument);
            countPacket(PacketWriter.FULL);
        }
    }

    /** Queues the packets written so far as one binary frame. */
    void flush() {
        if (frame.position() == 0) {
            return;
        }
        frame.flip();
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame).flip();
        frame.clear();
        enqueue(copy);
    }

    void sendFrame(ByteBuffer bytes) {
        enqueue(bytes);
    }

    void sendText(String text) {
        enqueue(text);
    }

    void ping() {
        enqueue(PING);
    }

    /** Sends a disconnect packet (50) with the reason code, then closes the WebSocket normally. */
    void disconnect(int reason) {
        closing = true;
        enqueue(PacketWriter.disconnect(reason));
        counters.onPacketSent(PacketWriter.DISCONNECT);
        enqueue(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "disconnect " + reason));
    }

    /** Closes with a close frame and no disconnect packet. */
    void close(CloseReason reason) {
        closing = true;
        enqueue(reason);
    }

    /** Drops pending output; used when a stall starts, so nothing queued before it trickles out. */
    void discardPending() {
        outbound.clear();
    }

    /**
     * Cuts the TCP connection without a close frame, as a network failure would. Tomcat has no public API for
     * that on a WebSocket session, so this closes its remote endpoint (which owns the socket) directly.
     */
    void abort() {
        closing = true;
        outbound.clear();
        outbound.offer(STOP);
        try {
            Field field = WsSession.class.getDeclaredField("wsRemoteEndpoint");
            field.setAccessible(true);
            ((WsRemoteEndpointImplBase) field.get(session)).close();
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "dropped"));
            } catch (IOException | RuntimeException ignored) {
                // The session is gone either way.
            }
        }
    }

    /** Stops reading the socket (so pings from the client go unanswered) until {@link #resumeReading()}. */
    void suspendReading() {
        if (session instanceof WsSession ws) {
            ws.suspend();
        }
    }

    void resumeReading() {
        if (session instanceof WsSession ws) {
            ws.resume();
        }
    }

    private void enqueue(Object item) {
        if (!outbound.offer(item)) {
            counters.onSlowConsumerDrop();
            onSlowConsumer.run();
        }
    }

    private void sendLoop() {
        try {
            while (true) {
                Object item = outbound.take();
                if (item == STOP) {
                    return;
                }
                if (item instanceof ByteBuffer bytes) {
                    session.getBasicRemote().sendBinary(bytes);
                    counters.onFrameSent();
                } else if (item instanceof String text) {
                    session.getBasicRemote().sendText(text);
                } else if (item == PING) {
                    session.getBasicRemote().sendPing(PING_PAYLOAD.duplicate());
                    counters.onPingSent();
                } else if (item instanceof CloseReason reason) {
                    session.close(reason);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The peer went away or the session was aborted; the endpoint's onClose/onError cleans up.
        }
    }

    void stopSender() {
        outbound.clear();
        outbound.offer(STOP);
    }
}
