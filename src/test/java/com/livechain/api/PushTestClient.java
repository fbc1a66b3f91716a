package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser stand-in on {@code /ws/options}: the JDK's WebSocket client, every message parsed and time-stamped. */
final class PushTestClient implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A complete text message and when its last frame arrived. */
    record Received(JsonNode json, long atNanos) {
        String type() {
            return json.path("type").asString();
        }
    }

    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    static PushTestClient connect(int port) {
        PushTestClient client = new PushTestClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/options"), client)
                .join();
        return client;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, failing the test if none arrives in time. */
    Received next(Duration timeout) throws InterruptedException {
        Received received = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(received).as("a message within %s", timeout).isNotNull();
        return received;
    }

    /** The next message of the given type, skipping others. */
    JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received received = inbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertThat(received).as("a %s message within %s", type, timeout).isNotNull();
            if (received.type().equals(type)) {
                return received.json();
            }
        }
    }

    /** Everything that arrives within {@code window}. */
    List<Received> drain(Duration window) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Received received = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (received != null) {
                all.add(received);
            }
        }
        return all;
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            inbox.add(new Received(JSON.readTree(partial.toString()), System.nanoTime()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
