package com.livechain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code /ws/options} from a test: the JDK's WebSocket client, each complete text message queued as it came. */
public final class TextSocket implements WebSocket.Listener, AutoCloseable {

    /** A complete text message and when its last frame arrived. */
    public record Text(String text, long atNanos) {
    }

    private final BlockingQueue<Text> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** The close code the server sent, or the error that ended the socket. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    public static TextSocket open(HttpClient http, int port) {
        TextSocket client = new TextSocket();
        client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/options"), client).join();
        return client;
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next message, or {@code null} if none arrives in time. */
    public String next(Duration timeout) throws InterruptedException {
        Text text = nextTimed(timeout.toNanos());
        return text == null ? null : text.text();
    }

    /** The next message with its arrival time, or {@code null} if none arrives within {@code timeoutNanos}. */
    public Text nextTimed(long timeoutNanos) throws InterruptedException {
        return inbox.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            inbox.add(new Text(partial.toString(), System.nanoTime()));
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
