package com.livechain.api.push;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One browser on {@code /ws/options}. The socket is shared by the reader thread (error replies) and
 * the sender pool (pushes); the decorator serialises their sends. The subscription state is owned by
 * the push tick thread alone, so it needs no lock.
 */
final class PushSession {

    /** Tomcat reads this session property as the timeout of a blocking send (default 20 s). */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    final ConcurrentWebSocketSessionDecorator socket;

    /** A push to this session is in flight; the tick skips it (and later sends one coalesced delta). */
    final AtomicBoolean sending = new AtomicBoolean();

    /** Tick thread only: the group this session is in, or {@code null} before it subscribed. */
    ChainGroup group;

    /** Tick thread only: the frame this session has been brought up to; {@code null} = it needs a snapshot. */
    Frame base;

    /** Tick thread only: subscribed without an expiry, so it moves to the next one when its expiry closes. */
    boolean followsNearest;

    PushSession(ConcurrentWebSocketSessionDecorator socket) {
        this.socket = socket;
    }

    /** Wraps a browser's socket so pushes and replies never interleave, and bounds how long a send may block. */
    static PushSession open(WebSocketSession session, PushProperties properties) {
        int sendTimeLimit = (int) properties.sendTimeLimit().toMillis();
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session container = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (container != null) {
                container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, (long) sendTimeLimit);
            }
        }
        return new PushSession(new ConcurrentWebSocketSessionDecorator(session, sendTimeLimit,
                (int) Math.min(Integer.MAX_VALUE, properties.bufferSizeLimit().toBytes()),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE));
    }

    String id() {
        return socket.getId();
    }

    /** The container's session, for closing with our own reason (the decorator would replace it). */
    WebSocketSession raw() {
        return socket.getDelegate();
    }
}
