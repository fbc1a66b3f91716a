package com.livechain.dhan.feed;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Dhan's feed endpoint on loopback (mockwebserver3 WebSocket upgrade): records every handshake and
 * every text frame the client sends, and lets a test push binary frames, drop, or stay silent.
 */
final class FakeDhanFeed implements Closeable {

    private final MockWebServer server = new MockWebServer();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    /** Answer to a handshake instead of the WebSocket upgrade, or {@code null} to upgrade. */
    volatile Function<HttpUrl, MockResponse> handshake = url -> null;

    /** Called on the server's thread for every text frame a client sends. */
    volatile BiConsumer<Connection, String> onText = (connection, text) -> { };

    FakeDhanFeed() throws IOException {
        this(0);
    }

    /** On a given port (0: any), so a test can bring the endpoint back where the client looks for it. */
    FakeDhanFeed(int port) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Connection connection = new Connection(request.getUrl());
                connections.add(connection);
                MockResponse refusal = handshake.apply(request.getUrl());
                return refusal != null ? refusal : new MockResponse.Builder().webSocketUpgrade(connection).build();
            }
        });
        server.start(port);
    }

    int port() {
        return server.getPort();
    }

    /** The base URL the client adds its query string to, as {@code DhanAccess.feedUrl()} gives it. */
    URI feedUrl() {
        return URI.create("ws://" + server.getHostName() + ":" + server.getPort());
    }

    /** Every handshake so far, upgraded or not, in order. */
    List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    int connectionCount() {
        return connections.size();
    }

    Connection connection(int i) {
        return connections.get(i);
    }

    Connection last() {
        return connections.get(connections.size() - 1);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The server side of one client connection. */
    final class Connection extends WebSocketListener {
        final HttpUrl url;
        final long acceptedAtNanos = System.nanoTime();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile WebSocket socket;

        Connection(HttpUrl url) {
            this.url = url;
        }

        String token() {
            return url.queryParameter("token");
        }

        void send(byte[] frame) {
            socket.send(ByteString.of(frame));
        }

        /**
         * Closes from the server side (1011, as a server dropping a client does). mockwebserver3's
         * server socket cannot {@code cancel()}; an abrupt TCP drop is closing the whole server.
         */
        void drop() {
            WebSocket s = socket;
            if (s != null) {
                s.close(1011, "dropped");
            }
        }

        boolean awaitClosed(long millis) throws InterruptedException {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        }

        boolean isClosed() {
            return closed.getCount() == 0;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            opened.countDown();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            texts.add(text);
            onText.accept(this, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            closed.countDown();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closed.countDown();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            closed.countDown();
        }
    }
}
