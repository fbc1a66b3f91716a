package com.livechain.simulator.feed;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/** The Jakarta WebSocket endpoint of the feed; all behaviour is in {@link FeedHub}. One instance serves all sessions. */
public final class FeedEndpoint extends Endpoint {

    private final FeedHub hub;

    public FeedEndpoint(FeedHub hub) {
        this.hub = hub;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> hub.request(session, text));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> hub.pong(session));
        hub.opened(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        hub.closed(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        hub.closed(session);
    }
}
