package com.livechain.api.push;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.livechain.universe.ChainAssembler;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.Leg;
import com.livechain.market.MarketHours;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UnderlyingUniverse;

/**
 * A small universe for push tests, dated from today so it never expires under a test: NIFTY with
 * 21 strikes in two expiries, and a wide BANKNIFTY (301 strikes) whose deltas are big enough to
 * fill a socket quickly.
 */
public final class PushFixtures {

    public static final LocalDate NEAR = MarketHours.today(Instant.now()).plusDays(7);
    public static final LocalDate FAR = NEAR.plusDays(7);
    public static final UnderlyingRef NIFTY = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
    public static final UnderlyingRef BANKNIFTY = new UnderlyingRef("BANKNIFTY", 25, ExchangeSegment.IDX_I);

    private PushFixtures() {
    }

    public static void install(ChainCache cache, MarketSource source) {
        List<UnderlyingUniverse> universes = List.of(
                universe(NIFTY, 75, List.of(NEAR, FAR), 24000, 25000, 50, 40_000),
                universe(BANKNIFTY, 35, List.of(NEAR), 40000, 70000, 100, 60_000));
        ChainAssembler.Assembly a = ChainAssembler.assemble(universes);
        cache.install(source, a.underlyings(), a.chains(), a.index());
    }

    public static Leg leg(ChainCache cache, String symbol, LocalDate expiry, int strike, OptionType type) {
        for (StrikeRow row : cache.chain(symbol, expiry).orElseThrow().strikes()) {
            if (row.strike().compareTo(BigDecimal.valueOf(strike)) == 0) {
                return row.leg(type);
            }
        }
        throw new IllegalArgumentException("no strike " + strike);
    }

    private static UnderlyingUniverse universe(UnderlyingRef ref, int lotSize, List<LocalDate> expiries,
                                               int from, int to, int step, long firstId) {
        List<Instrument> options = new ArrayList<>();
        long id = firstId;
        for (LocalDate expiry : expiries) {
            for (int k = from; k <= to; k += step) {
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, ref.symbol(), expiry, BigDecimal.valueOf(k), OptionType.CE, lotSize));
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, ref.symbol(), expiry, BigDecimal.valueOf(k), OptionType.PE, lotSize));
            }
        }
        return new UnderlyingUniverse(ref, options);
    }
}
