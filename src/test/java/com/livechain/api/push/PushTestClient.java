package com.livechain.api.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.TextSocket;

/** A browser stand-in on {@code /ws/options}: {@link TextSocket} with every message parsed and time-stamped. */
public final class PushTestClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A complete text message and when its last frame arrived. */
    public record Received(JsonNode json, long atNanos) {
        public String type() {
            return json.path("type").asString();
        }
    }

    private final TextSocket socket;
    public final CompletableFuture<Integer> closed;

    private PushTestClient(TextSocket socket) {
        this.socket = socket;
        this.closed = socket.closed;
    }

    public static PushTestClient connect(int port) {
        return new PushTestClient(TextSocket.open(HttpClient.newHttpClient(), port));
    }

    public void send(String text) {
        socket.send(text);
    }

    /** The next message, failing the test if none arrives in time. */
    public Received next(Duration timeout) throws InterruptedException {
        Received received = poll(timeout.toNanos());
        assertThat(received).as("a message within %s", timeout).isNotNull();
        return received;
    }

    /** The next message of the given type, skipping others. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received received = poll(deadline - System.nanoTime());
            assertThat(received).as("a %s message within %s", type, timeout).isNotNull();
            if (received.type().equals(type)) {
                return received.json();
            }
        }
    }

    /** Everything that arrives within {@code window}. */
    public List<Received> drain(Duration window) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Received received = poll(left);
            if (received != null) {
                all.add(received);
            }
        }
        return all;
    }

    private Received poll(long timeoutNanos) throws InterruptedException {
        TextSocket.Text text = socket.nextTimed(timeoutNanos);
        return text == null ? null : new Received(JSON.readTree(text.text()), text.atNanos());
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.close();
    }
}
