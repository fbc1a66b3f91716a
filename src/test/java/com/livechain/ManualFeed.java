package com.livechain;

import com.livechain.market.FeedState;

/** A feed whose state the test sets: down ("connecting") until {@link #up} is called. */
public final class ManualFeed implements FeedState {

    private volatile boolean up;
    private volatile long upSince = Long.MAX_VALUE;
    private volatile String reason = "connecting";

    /** Connected and subscribed since {@code sinceMillis}. */
    public void up(long sinceMillis) {
        up = true;
        upSince = sinceMillis;
        reason = "up";
    }

    /** Down with a reason; the last subscribe time stays as it was. */
    public void down(String why) {
        up = false;
        reason = why;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public long upSinceMillis() {
        return upSince;
    }

    @Override
    public String reason() {
        return reason;
    }
}
