package com.livechain.universe;

import java.util.Objects;

import com.livechain.chain.InstrumentIndex;

/**
 * Published after a reload has installed a new universe. The feed subscribes {@link UniverseDiff#addedLegs()}
 * and unsubscribes {@link UniverseDiff#removedLegs()} on its open connections; browser sessions learn the new
 * expiry lists. Not published when the instrument list did not change.
 */
public record UniverseReloadedEvent(InstrumentIndex previous, InstrumentIndex current, UniverseDiff diff) {

    public UniverseReloadedEvent {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(diff, "diff");
    }
}
