package com.livechain.dhan.feed;

import java.util.function.LongSupplier;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import com.livechain.chain.TickApplier;
import com.livechain.credentials.Redaction;

/**
 * One WebSocket of a {@link FeedLink} and its listener. Its callbacks run on OkHttp's threads: the reader
 * decodes and applies, nothing else (a slow callback gets the client dropped: DhanHQ-py #72, pykiteconnect
 * #88); every other event goes to {@link Events}, which hands it to the feed's scheduler.
 */
final class FeedSession extends WebSocketListener {

    /** What the feed client does with a session's events; each call returns at once. */
    interface Events {
        void opened(FeedSession session);

        /** The first frame that was not a disconnect packet. */
        void dataArrived(FeedSession session);

        void disconnected(FeedSession session, int code);

        void closedByServer(FeedSession session, String reason);

        /** @param handshakeStatus the HTTP status of a refused upgrade, 0 when the socket failed without one */
        void failed(FeedSession session, Throwable failure, int handshakeStatus);
    }

    final FeedLink link;
    final PacketDecoder decoder;
    private final Events events;
    private final LongSupplier nanoTime;
    private final String token;
    private final String clientId;
    WebSocket webSocket;
    boolean subscribed;
    volatile boolean gotData;
    volatile boolean finished;
    /** The decoder's counts went to the totals; guarded by the link's monitor, like the decoder. */
    private boolean countsRetired;

    FeedSession(FeedLink link, TickApplier applier, FeedMetrics metrics, Events events, LongSupplier nanoTime,
                String token, String clientId) {
        this.link = link;
        this.decoder = new PacketDecoder(applier, metrics);
        this.events = events;
        this.nanoTime = nanoTime;
        this.token = token;
        this.clientId = clientId;
    }

    /** A failure in one redacted line, this session's token and client id masked too. */
    String describe(Throwable failure) {
        return Redaction.describe(failure, token, clientId);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        events.opened(this);
    }

    /** The hot path: decode and apply, nothing else on this thread. */
    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        if (link.current != this) {
            return;
        }
        link.lastFrameNanos = nanoTime.getAsLong();
        int disconnect;
        // Leg's seqlock allows one writer per instrument. A replaced socket's reader may still be
        // inside a frame when the new socket's first frame arrives; the link's monitor (uncontended,
        // once per frame, no allocation) keeps the two from writing the same legs at once.
        synchronized (link) {
            if (countsRetired) {
                return;
            }
            disconnect = decoder.decode(bytes);
        }
        if (disconnect != PacketDecoder.NO_DISCONNECT) {
            events.disconnected(this, disconnect);
        } else if (!gotData) {
            gotData = true;
            events.dataArrived(this);
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        // Dhan answers only in binary (protocol §3.1); a text frame carries nothing to apply.
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        String why = "closed by the server (" + code + (reason.isEmpty() ? "" : " " + reason) + ")";
        events.closedByServer(this, Redaction.redact(why, token, clientId));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        finished = true;
        retireCounts();
    }

    /** The socket delivers nothing more: fold the decoder's counts into the totals, once. */
    void retireCounts() {
        synchronized (link) {
            if (!countsRetired) {
                countsRetired = true;
                decoder.close();
            }
        }
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        finished = true;
        retireCounts();
        int httpCode = response == null ? 0 : response.code();
        // A 101 response means the upgrade succeeded and the socket failed later.
        events.failed(this, failure, httpCode == 101 ? 0 : httpCode);
    }
}
