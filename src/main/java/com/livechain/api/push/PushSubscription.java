package com.livechain.api.push;

import java.util.Objects;

import com.livechain.api.ChainRequest;

/**
 * What a session follows from its next tick on.
 *
 * @param followsNearest subscribed without an expiry: when that expiry closes, move to the next one
 */
record PushSubscription(ChainWindow window, boolean followsNearest) {

    PushSubscription {
        Objects.requireNonNull(window, "window");
    }

    static PushSubscription of(ChainRequest request) {
        return new PushSubscription(new ChainWindow(request.key(), request.strikesEachSide()), request.nearestExpiry());
    }
}
