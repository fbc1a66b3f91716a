package com.livechain.universe;

import com.livechain.chain.OptionChain;
import com.livechain.chain.Underlying;

/**
 * The start-up seeding step ({@link SnapshotSeeder}, package-private) for tests in other packages that need a
 * chain seeded from a real {@link OptionChainSnapshot} exactly as {@link ChainLoader} seeds it, without a loader.
 */
public final class SnapshotSeeding {

    private SnapshotSeeding() {
    }

    /** @return how many legs the snapshot filled */
    public static int apply(OptionChainSnapshot snapshot, Underlying underlying, OptionChain chain, long nowMillis) {
        return SnapshotSeeder.apply(snapshot, underlying, chain, nowMillis);
    }
}
