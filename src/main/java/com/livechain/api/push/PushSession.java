package com.livechain.api.push;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One browser on {@code /ws/options}. The socket is shared by the reader thread (error replies) and
 * the sender pool (pushes); the decorator serialises their sends. The subscription state is owned by
 * the push tick thread alone, so it needs no lock.
 */
final class PushSession {

    final ConcurrentWebSocketSessionDecorator socket;

    /** A push to this session is in flight; the tick skips it (and later sends one coalesced delta). */
    final AtomicBoolean sending = new AtomicBoolean();

    /** Tick thread only: the chain group this session is in, or {@code null} before it subscribed. */
    PushBroadcaster.Group group;

    /** Tick thread only: the frame this session has been brought up to; {@code null} = it needs a snapshot. */
    PushBroadcaster.Frame base;

    /** Tick thread only: subscribed without an expiry, so it moves to the next one when its expiry closes. */
    boolean followsNearest;

    PushSession(ConcurrentWebSocketSessionDecorator socket) {
        this.socket = socket;
    }

    String id() {
        return socket.getId();
    }

    /** The container's session, for closing with our own reason (the decorator would replace it). */
    WebSocketSession raw() {
        return socket.getDelegate();
    }
}
