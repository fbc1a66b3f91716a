package com.livechain.api.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.socket.TextMessage;

import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;

/**
 * The sessions shown one {@link ChainWindow}, and what they were last sent. Rendered once per change for all of
 * them; the message from a frame to the current one is encoded once per distinct starting frame, and the same
 * bytes go to every session that starts there. Tick thread only.
 */
final class ChainGroup {

    /** Re-render an idle chain this often: staleness and the time-dependent greeks move without ticks. */
    static final long REFRESH_MILLIS = 1_000;

    /** What to send a session at some frame: {@code message} {@code null} for nothing, and the frame it then holds. */
    record Outgoing(TextMessage message, Frame reached, boolean snapshot) {
    }

    final ChainWindow window;
    final List<PushSession> members = new ArrayList<>();
    private final JsonMapper json;

    OptionChain chain;
    /** The underlying's slot then every leg, in a fixed order, and their counters at the last look. */
    private Leg[] legs = new Leg[0];
    private long[] versions = new long[0];
    Frame current;
    private long renderedAtMillis;
    private long analyticsSentAtMillis;
    /** This tick sends analytics-only changes too. */
    private boolean withAnalytics;
    private TextMessage snapshot;
    /** This tick, per starting frame, what takes it to {@link #current}: sessions that keep up share one. */
    private final Map<Frame, Outgoing> steps = new IdentityHashMap<>();

    ChainGroup(ChainWindow window, JsonMapper json) {
        this.window = window;
        this.json = json;
    }

    /** A new chain object for the key (the universe was reloaded): everyone starts again from a snapshot. */
    void restructure(OptionChain chain) {
        this.chain = chain;
        List<Leg> slots = new ArrayList<>();
        slots.add(chain.underlying().spot());
        for (StrikeRow row : chain.strikes()) {
            if (row.ce() != null) {
                slots.add(row.ce());
            }
            if (row.pe() != null) {
                slots.add(row.pe());
            }
        }
        legs = slots.toArray(new Leg[0]);
        versions = new long[legs.length];
        Arrays.fill(versions, -1); // a counter is never negative: the first scan sees every leg move
        current = null;
        snapshot = null;
        steps.clear();
        for (PushSession member : members) {
            member.base = null;
        }
    }

    /**
     * Reads every counter and remembers it; {@code true} if any moved. Read before rendering, so an update
     * that lands during the rendering moves its counter again and is sent next tick. The whole chain is
     * watched, not only the window: the window's ATM, summary and analytics depend on every leg.
     */
    boolean scanVersions() {
        boolean moved = false;
        for (int i = 0; i < legs.length; i++) {
            long version = legs[i].version();
            if (version != versions[i]) {
                versions[i] = version;
                moved = true;
            }
        }
        return moved;
    }

    /** Whether the chain must be rendered again: it moved, a second passed, or the feed went up or down. */
    boolean needsRender(boolean moved, long nowMillis, PushMessages.FeedView feed) {
        return current == null || moved || nowMillis - renderedAtMillis >= REFRESH_MILLIS || !feed.equals(current.feed);
    }

    void rendered(Frame frame, long nowMillis) {
        current = frame;
        renderedAtMillis = nowMillis;
        snapshot = null;
    }

    /** Starts a tick: messages are worked out afresh, as whether analytics-only changes go out depends on it. */
    void beginTick(long nowMillis) {
        steps.clear();
        withAnalytics = nowMillis - analyticsSentAtMillis >= REFRESH_MILLIS;
        if (withAnalytics) {
            analyticsSentAtMillis = nowMillis;
        }
    }

    /** What takes a session from {@code base} ({@code null}: it has nothing yet) to {@link #current}. */
    Outgoing from(Frame base) {
        if (base == null || !FrameDiff.linesUp(base.view, current.view)) {
            return new Outgoing(snapshot(), current, true);
        }
        return steps.computeIfAbsent(base, b -> {
            FrameDiff.Step step = FrameDiff.diff(b, current, withAnalytics);
            return new Outgoing(step.delta() == null ? null : PushMessages.encode(json, step.delta()), step.reached(), false);
        });
    }

    private TextMessage snapshot() {
        if (snapshot == null) {
            snapshot = PushMessages.encode(json, new PushMessages.Snapshot(current.feed, current.view));
        }
        return snapshot;
    }
}
