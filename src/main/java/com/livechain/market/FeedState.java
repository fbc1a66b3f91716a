package com.livechain.market;

/**
 * What the chain needs to know about the live feed to decide whether a price is fresh.
 * Implemented by the feed client; {@link #NOT_STARTED} until there is one.
 */
public interface FeedState {

    /** Connected and subscribed. */
    boolean isUp();

    /**
     * Epoch millis at which the current connection was (re)subscribed. A tick applied before it
     * came over an earlier connection and does not prove the price is current.
     */
    long upSinceMillis();

    /** Why the feed is down ("connecting", "token expired (807)", ...), or "up". */
    String reason();

    FeedState NOT_STARTED = new FeedState() {
        @Override
        public boolean isUp() {
            return false;
        }

        @Override
        public long upSinceMillis() {
            return Long.MAX_VALUE;
        }

        @Override
        public String reason() {
            return "feed not started";
        }
    };
}
