package com.livechain.universe;

import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.SnapshotLeg;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies Dhan's option-chain snapshot to one chain's slots. Legs are matched by security id
 * first and by (strike, type) second, so a snapshot that omits ids still lands on the right leg.
 */
final class SnapshotSeeder {

    private SnapshotSeeder() {
    }

    /** Returns how many legs were filled (legs that already had a tick are left alone). */
    static int apply(OptionChainSnapshot snapshot, Underlying underlying, OptionChain chain, long nowMillis) {
        underlying.spot().applySnapshotPrice(snapshot.underlyingLtp(), nowMillis);
        if (chain == null) {
            return 0;
        }
        Map<Long, Leg> byId = new HashMap<>();
        Map<BigDecimal, StrikeRow> byStrike = new HashMap<>();
        for (StrikeRow row : chain.strikes()) {
            byStrike.put(row.strike(), row);
            if (row.ce() != null) {
                byId.put(row.ce().securityId(), row.ce());
            }
            if (row.pe() != null) {
                byId.put(row.pe().securityId(), row.pe());
            }
        }
        int seeded = 0;
        for (SnapshotLeg s : snapshot.legs()) {
            Leg leg = byId.get(s.securityId());
            if (leg == null) {
                StrikeRow row = byStrike.get(s.strike().stripTrailingZeros());
                leg = row == null ? null : row.leg(s.type());
            }
            if (leg != null && leg.applySnapshot(s, nowMillis)) {
                seeded++;
            }
        }
        return seeded;
    }
}
