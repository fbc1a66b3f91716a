package com.livechain.ops;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.livechain.universe.ChainAssembler;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UnderlyingUniverse;

/** A small NIFTY universe and hand-driven clock and feed for the operations tests. */
final class OpsFixtures {

    // Thursday 2026-11-26 20:00 IST: market closed.
    static final Instant NOW = Instant.parse("2026-11-26T14:30:00Z");
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);
    static final UnderlyingRef NIFTY = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
    /** First option id; CE and PE alternate, 9 strikes per expiry, 2 expiries: ids 40000..40035. */
    static final long FIRST_OPTION_ID = 40000;
    static final int LEGS = 36;

    private OpsFixtures() {
    }

    static void installNifty(ChainCache cache) {
        ChainAssembler.Assembly a = ChainAssembler.assemble(List.of(niftyUniverse(WEEKLY, MONTHLY)));
        cache.install(MarketSource.SIMULATED, a.underlyings(), a.chains(), a.index());
    }

    /** NIFTY with 9 strikes (24300..24700 step 50) on each of the two expiries. */
    static UnderlyingUniverse niftyUniverse(LocalDate first, LocalDate second) {
        List<Instrument> options = new ArrayList<>();
        long id = FIRST_OPTION_ID;
        for (LocalDate expiry : List.of(first, second)) {
            for (int k = 24300; k <= 24700; k += 50) {
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", expiry, BigDecimal.valueOf(k), OptionType.CE, 75));
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", expiry, BigDecimal.valueOf(k), OptionType.PE, 75));
            }
        }
        return new UnderlyingUniverse(NIFTY, options);
    }
}
