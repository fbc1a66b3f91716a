package com.livechain.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the simulator has seen and sent, for tests and for the reliability work to assert on. Monotonic
 * counters; read them before and after an action and compare.
 */
public final class SimulatorCounters {

    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicLong connectionsAuthenticated = new AtomicLong();
    private final AtomicLong connectionsRefused = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong connectionsKicked = new AtomicLong();
    private final AtomicLong pongTimeouts = new AtomicLong();
    private final AtomicLong slowConsumerDrops = new AtomicLong();
    private final AtomicLong connectionsClosed = new AtomicLong();
    private final AtomicLongArray requestMessages = new AtomicLongArray(64);
    private final AtomicLongArray requestInstruments = new AtomicLongArray(64);
    private final AtomicLong invalidRequests = new AtomicLong();
    private final AtomicLong unknownInstruments = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLongArray packetsSent = new AtomicLongArray(256);
    private final AtomicLong garbageFramesSent = new AtomicLong();
    private final AtomicLong pingsSent = new AtomicLong();
    private final AtomicLong pongsReceived = new AtomicLong();
    private final AtomicLong restRequests = new AtomicLong();
    private final AtomicLong restUnauthorized = new AtomicLong();
    private final AtomicLong restRateLimited = new AtomicLong();
    private final AtomicLong restErrors = new AtomicLong();
    private final AtomicLong scripMasterDownloads = new AtomicLong();

    /** Feed WebSocket handshakes completed (before the query credentials are checked). */
    public long connectionsAccepted() { return connectionsAccepted.get(); }

    /** Feed connections whose query credentials were valid. */
    public long connectionsAuthenticated() { return connectionsAuthenticated.get(); }

    /** Feed handshakes refused by the reject-connections fault. */
    public long connectionsRefused() { return connectionsRefused.get(); }

    /** Feed connections answered with a disconnect packet (807/808/809) for their credentials. */
    public long authFailures() { return authFailures.get(); }

    /** Connections disconnected with 805 because a newer one exceeded the connection limit. */
    public long connectionsKicked() { return connectionsKicked.get(); }

    /** Connections dropped because the client did not answer pings within the pong timeout. */
    public long pongTimeouts() { return pongTimeouts.get(); }

    /** Connections dropped because they did not read their frames fast enough. */
    public long slowConsumerDrops() { return slowConsumerDrops.get(); }

    public long connectionsClosed() { return connectionsClosed.get(); }

    /** JSON request messages received with this RequestCode (15, 16, 17, 18, 21, 22, 12, ...). */
    public long requests(int requestCode) { return inRange(requestCode, 64) ? requestMessages.get(requestCode) : 0; }

    /** Instruments listed in the request messages with this RequestCode. */
    public long requestInstruments(int requestCode) {
        return inRange(requestCode, 64) ? requestInstruments.get(requestCode) : 0;
    }

    /** Request messages that were not valid JSON requests, or named an unknown RequestCode. */
    public long invalidRequests() { return invalidRequests.get(); }

    /** Subscribed instruments the simulator does not list (no packets are sent for them). */
    public long unknownInstruments() { return unknownInstruments.get(); }

    /** Binary frames sent on the feed (each holds one or more packets). */
    public long framesSent() { return framesSent.get(); }

    /** Well-formed packets sent with this response code (2, 4, 5, 6, 7, 8, 50). */
    public long packetsSent(int responseCode) {
        return inRange(responseCode, 256) ? packetsSent.get(responseCode) : 0;
    }

    public long garbageFramesSent() { return garbageFramesSent.get(); }

    public long pingsSent() { return pingsSent.get(); }

    public long pongsReceived() { return pongsReceived.get(); }

    public long restRequests() { return restRequests.get(); }

    public long restUnauthorized() { return restUnauthorized.get(); }

    public long restRateLimited() { return restRateLimited.get(); }

    /** REST requests answered with any other error (bad input, unknown expiry, injected outage). */
    public long restErrors() { return restErrors.get(); }

    public long scripMasterDownloads() { return scripMasterDownloads.get(); }

    /** Every counter by name, non-zero per-code counters as {@code requests.21}, {@code packets.8}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("connectionsAccepted", connectionsAccepted());
        out.put("connectionsAuthenticated", connectionsAuthenticated());
        out.put("connectionsRefused", connectionsRefused());
        out.put("authFailures", authFailures());
        out.put("connectionsKicked", connectionsKicked());
        out.put("pongTimeouts", pongTimeouts());
        out.put("slowConsumerDrops", slowConsumerDrops());
        out.put("connectionsClosed", connectionsClosed());
        for (int code = 0; code < 64; code++) {
            if (requestMessages.get(code) != 0) {
                out.put("requests." + code, requestMessages.get(code));
                out.put("requestInstruments." + code, requestInstruments.get(code));
            }
        }
        out.put("invalidRequests", invalidRequests());
        out.put("unknownInstruments", unknownInstruments());
        out.put("framesSent", framesSent());
        for (int code = 0; code < 256; code++) {
            if (packetsSent.get(code) != 0) {
                out.put("packets." + code, packetsSent.get(code));
            }
        }
        out.put("garbageFramesSent", garbageFramesSent());
        out.put("pingsSent", pingsSent());
        out.put("pongsReceived", pongsReceived());
        out.put("restRequests", restRequests());
        out.put("restUnauthorized", restUnauthorized());
        out.put("restRateLimited", restRateLimited());
        out.put("restErrors", restErrors());
        out.put("scripMasterDownloads", scripMasterDownloads());
        return out;
    }

    public void onConnectionAccepted() { connectionsAccepted.incrementAndGet(); }
    public void onConnectionAuthenticated() { connectionsAuthenticated.incrementAndGet(); }
    public void onConnectionRefused() { connectionsRefused.incrementAndGet(); }
    public void onAuthFailure() { authFailures.incrementAndGet(); }
    public void onConnectionKicked() { connectionsKicked.incrementAndGet(); }
    public void onPongTimeout() { pongTimeouts.incrementAndGet(); }
    public void onSlowConsumerDrop() { slowConsumerDrops.incrementAndGet(); }
    public void onConnectionClosed() { connectionsClosed.incrementAndGet(); }

    public void onRequest(int requestCode, int instruments) {
        if (inRange(requestCode, 64)) {
            requestMessages.incrementAndGet(requestCode);
            requestInstruments.addAndGet(requestCode, instruments);
        }
    }

    public void onInvalidRequest() { invalidRequests.incrementAndGet(); }
    public void onUnknownInstrument() { unknownInstruments.incrementAndGet(); }
    public void onFrameSent() { framesSent.incrementAndGet(); }
    public void onPacketSent(int code) { packetsSent.incrementAndGet(code & 0xFF); }
    public void onGarbageFrameSent() { garbageFramesSent.incrementAndGet(); }
    public void onPingSent() { pingsSent.incrementAndGet(); }
    public void onPongReceived() { pongsReceived.incrementAndGet(); }
    public void onRestRequest() { restRequests.incrementAndGet(); }
    public void onRestUnauthorized() { restUnauthorized.incrementAndGet(); }
    public void onRestRateLimited() { restRateLimited.incrementAndGet(); }
    public void onRestError() { restErrors.incrementAndGet(); }
    public void onScripMasterDownload() { scripMasterDownloads.incrementAndGet(); }

    private static boolean inRange(int code, int size) {
        return code >= 0 && code < size;
    }
}
