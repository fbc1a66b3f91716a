package com.livechain.chain;

import com.livechain.universe.UnderlyingUniverse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small universes for chain tests: ids are derived from strike and expiry so each test can name a leg. */
public final class ChainFixtures {

    public static final UnderlyingRef NIFTY = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);

    private ChainFixtures() {
    }

    /** CE id = strike*10 + day-of-month*1_000_000 ... kept simple: a running counter from {@code firstId}. */
    public static UnderlyingUniverse universe(UnderlyingRef ref, ExchangeSegment segment, int lotSize,
                                       List<LocalDate> expiries, int fromStrike, int toStrike, int step, long firstId) {
        List<Instrument> options = new ArrayList<>();
        long id = firstId;
        for (LocalDate expiry : expiries) {
            for (int k = fromStrike; k <= toStrike; k += step) {
                options.add(new Instrument(id++, segment, ref.symbol(), expiry, new BigDecimal(k + ".00000"), OptionType.CE, lotSize));
                options.add(new Instrument(id++, segment, ref.symbol(), expiry, new BigDecimal(k + ".00000"), OptionType.PE, lotSize));
            }
        }
        return new UnderlyingUniverse(ref, options);
    }
}
