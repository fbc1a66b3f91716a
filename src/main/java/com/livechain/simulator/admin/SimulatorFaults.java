package com.livechain.simulator.admin;

import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.feed.FeedHub;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.livechain.credentials.DhanCredentials;

/**
 * Faults the simulator injects on demand, for tests and the reliability work; the same operations are on the
 * admin HTTP paths under {@code /sim}. Feed faults act on the connections open at the time of the call.
 */
public final class SimulatorFaults {

    private final FeedHub feed;
    private final SimulatorAuth auth;
    private volatile long rejectUntilNanos;
    private volatile long restOutageUntilNanos;
    private final AtomicInteger chainFailures = new AtomicInteger();
    private volatile ScripMasterFault scripMasterFault = ScripMasterFault.NONE;
    /** Downloads left to serve with {@link #scripMasterFault}; negative: until cleared. */
    private final AtomicInteger scripMasterFaultsLeft = new AtomicInteger();
    /** Share of the file a truncated or cut download keeps. */
    private volatile double scripMasterKept = DEFAULT_KEPT;

    /** What a truncated scrip master keeps unless told: the first 40% of the file. */
    public static final double DEFAULT_KEPT = 0.4;

    /** How the scrip master CSV is spoiled: as a download that broke off, or a file the exchange left empty. */
    public enum ScripMasterFault {
        /** Served as it is. */
        NONE,
        /**
         * Only the first part of the file (40% unless told), cut at a row's end: it parses, and simply lists
         * fewer contracts.
         */
        TRUNCATED,
        /** Zero bytes, HTTP 200. */
        EMPTY,
        /** The header row and nothing after it. */
        HEADER_ONLY,
        /** Cut in the middle of a row, so the last row has too few columns. */
        CUT_MID_ROW
    }

    public SimulatorFaults(FeedHub feed, SimulatorAuth auth) {
        this.feed = feed;
        this.auth = auth;
    }

    /** Cuts every feed connection at the TCP level, without a close frame or disconnect packet. */
    public int drop() {
        return feed.dropAll();
    }

    /**
     * Every open feed connection goes mute for {@code duration}: the socket stays open but no frames, no pings
     * and no pongs (the server stops reading, so the client's pings go unanswered); then it resumes.
     *
     * @return the number of connections stalled
     */
    public int stall(Duration duration) {
        return feed.stallAll(duration);
    }

    /** Sends a feed disconnect packet (50) with this reason code to every connection, then closes them. */
    public int disconnect(int reasonCode) {
        return feed.disconnectAll(reasonCode);
    }

    /** Sends malformed frames mixed with valid packets to every connection (see {@link FeedHub#sendGarbage()}). */
    public int garbage() {
        return feed.sendGarbage();
    }

    /** Refuses feed handshakes with HTTP 503 for {@code duration}. */
    public void rejectConnections(Duration duration) {
        rejectUntilNanos = deadline(duration);
    }

    /**
     * Expires the access token and issues a new one: REST answers the old one with 401 DH-901, the feed
     * disconnects open connections with 807 and answers new ones using the old token with 807.
     *
     * @return the new credentials (also what {@code DhanAccess.credentials()} returns from now on)
     */
    public DhanCredentials rotateToken() {
        DhanCredentials fresh = auth.rotate();
        feed.disconnectAll(FeedHub.TOKEN_EXPIRED);
        return fresh;
    }

    /**
     * The next {@code count} option-chain requests answer HTTP 200 with Dhan's failure body
     * {@code {"status":"failure","remarks":{},"data":""}} (DhanHQ-py #138).
     */
    public void failOptionChains(int count) {
        chainFailures.set(count);
    }

    /** Every REST request answers 502 Bad Gateway with an HTML body for {@code duration} (DhanHQ-py #73). */
    public void restOutage(Duration duration) {
        restOutageUntilNanos = deadline(duration);
    }

    /**
     * The next {@code count} scrip master downloads (every one until {@link #clear()} when {@code count} is
     * negative) are spoiled as {@code fault} says; {@link ScripMasterFault#NONE} ends the fault.
     */
    public void scripMaster(ScripMasterFault fault, int count) {
        scripMaster(fault, count, DEFAULT_KEPT);
    }

    /** As {@link #scripMaster(ScripMasterFault, int)}; a truncated or cut file keeps {@code kept} of its bytes. */
    public void scripMaster(ScripMasterFault fault, int count, double kept) {
        if (!(kept > 0 && kept < 1)) {
            throw new IllegalArgumentException("the share kept must be between 0 and 1, got " + kept);
        }
        scripMasterKept = kept;
        scripMasterFaultsLeft.set(fault == ScripMasterFault.NONE ? 0 : count);
        scripMasterFault = fault;
    }

    /** Share of the file a truncated or cut scrip master keeps. */
    public double scripMasterKept() {
        return scripMasterKept;
    }

    /** The fault the download being served now gets (and counts it), or {@link ScripMasterFault#NONE}. */
    public ScripMasterFault takeScripMasterFault() {
        ScripMasterFault fault = scripMasterFault;
        if (fault == ScripMasterFault.NONE) {
            return fault;
        }
        int left = scripMasterFaultsLeft.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (left == 0) {
            return ScripMasterFault.NONE;
        }
        return fault;
    }

    /** Ends every fault in force: stalls, refused handshakes, REST outage, pending chain failures, scrip master. */
    public void clear() {
        scripMaster(ScripMasterFault.NONE, 0);
        rejectUntilNanos = 0;
        restOutageUntilNanos = 0;
        chainFailures.set(0);
        feed.resumeAll();
    }

    public boolean rejectingConnections() {
        return active(rejectUntilNanos);
    }

    public boolean restOutage() {
        return active(restOutageUntilNanos);
    }

    public boolean takeChainFailure() {
        return chainFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static long deadline(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        return deadline == 0 ? 1 : deadline;
    }

    private static boolean active(long until) {
        return until != 0 && System.nanoTime() - until < 0;
    }
}
