package com.livechain.simulator.feed;

import com.livechain.simulator.DhanPackets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import com.livechain.credentials.DhanCredentials;

/** An OkHttp WebSocket on the simulated feed that records what arrives, for assertions. */
public final class FeedTestClient implements AutoCloseable {

    /** A closing handshake the server started: code and reason. */
    public record Closed(int code, String reason) {
    }

    public final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Response> opened = new CompletableFuture<>();
    public final CompletableFuture<Closed> closed = new CompletableFuture<>();
    /** Completes when the connection fails (a dropped socket, a refused handshake, a missed pong). */
    public final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    public volatile Response failureResponse;
    private final WebSocket socket;

    private FeedTestClient(OkHttpClient http, String url) {
        socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.complete(response);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                frames.add(bytes.toByteArray());
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                texts.add(text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                closed.complete(new Closed(code, reason));
                webSocket.close(1000, null);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                failureResponse = response;
                failed.complete(t);
            }
        });
    }

    public static String url(URI feedUrl, DhanCredentials credentials) {
        return url(feedUrl, credentials.clientId(), credentials.accessToken());
    }

    /** The query string Dhan's feed takes (protocol §3.1). */
    public static String url(URI feedUrl, String clientId, String token) {
        return feedUrl + "?version=2&token=" + token + "&clientId=" + clientId + "&authType=2";
    }

    public static FeedTestClient connect(OkHttpClient http, String url) {
        return new FeedTestClient(http, url);
    }

    /** Connects and waits for the handshake. */
    public static FeedTestClient open(OkHttpClient http, URI feedUrl, DhanCredentials credentials) throws Exception {
        FeedTestClient client = new FeedTestClient(http, url(feedUrl, credentials));
        client.opened.get(5, TimeUnit.SECONDS);
        return client;
    }

    void send(String text) {
        socket.send(text);
    }

    /** {"RequestCode":..,"InstrumentCount":..,"InstrumentList":[{"ExchangeSegment":..,"SecurityId":".."}]} */
    public void subscribe(int requestCode, String segment, List<Long> securityIds) {
        send(request(requestCode, segment, securityIds));
    }

    static String request(int requestCode, String segment, List<Long> securityIds) {
        StringBuilder sb = new StringBuilder("{\"RequestCode\":" + requestCode + ",\"InstrumentCount\":"
                + securityIds.size() + ",\"InstrumentList\":[");
        for (int i = 0; i < securityIds.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"ExchangeSegment\":\"").append(segment)
                    .append("\",\"SecurityId\":\"").append(securityIds.get(i)).append("\"}");
        }
        return sb.append("]}").toString();
    }

    public byte[] nextFrame(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Decodes frames as they come until {@code done} holds for the packets so far, or the timeout passes. */
    public List<DhanPackets.Packet> packetsUntil(Predicate<List<DhanPackets.Packet>> done, Duration timeout)
            throws InterruptedException {
        List<DhanPackets.Packet> packets = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(packets)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            byte[] frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null) {
                packets.addAll(DhanPackets.decodeStrict(frame));
            }
        }
        return packets;
    }

    /** Everything that arrived within {@code window}. */
    List<DhanPackets.Packet> packetsFor(Duration window) throws InterruptedException {
        return packetsUntil(p -> false, window);
    }

    @Override
    public void close() {
        socket.cancel();
    }
}
