package com.livechain.universe;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;

/**
 * Instrument lists whose security ids do not depend on what else is listed, as Dhan's do not: the id is a
 * function of (expiry, strike, type), so a test can list a new expiry and every other contract keeps its id.
 */
final class ReloadFixtures {

    static final UnderlyingRef NIFTY = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
    static final UnderlyingRef BANKNIFTY = new UnderlyingRef("BANKNIFTY", 25, ExchangeSegment.IDX_I);

    private ReloadFixtures() {
    }

    static long id(LocalDate expiry, int strike, OptionType type) {
        return (expiry.getDayOfYear() + 400L * (expiry.getYear() - 2026)) * 1_000_000L + strike * 2L + type.ordinal();
    }

    /** Every strike from {@code from} to {@code to} by {@code step}, a call and a put each, for each expiry. */
    static UnderlyingUniverse listing(UnderlyingRef ref, List<LocalDate> expiries, int from, int to, int step) {
        List<Instrument> options = new ArrayList<>();
        for (LocalDate expiry : expiries) {
            for (int k = from; k <= to; k += step) {
                for (OptionType type : OptionType.values()) {
                    options.add(new Instrument(id(expiry, k, type), ExchangeSegment.NSE_FNO, ref.symbol(), expiry,
                            BigDecimal.valueOf(k), type, 75));
                }
            }
        }
        return new UnderlyingUniverse(ref, options);
    }

    /** A source answering whatever list the test last gave it, or failing as told. */
    static final class ListingSource implements MarketDataSource {
        volatile UniverseLoad listing = new UniverseLoad(Map.of(), Map.of());
        volatile RuntimeException failure;
        volatile int reads;

        void list(UnderlyingUniverse... universes) {
            Map<String, UnderlyingUniverse> found = new LinkedHashMap<>();
            for (UnderlyingUniverse u : universes) {
                found.put(u.underlying().symbol(), u);
            }
            listing = new UniverseLoad(found, Map.of());
        }

        @Override
        public UniverseLoad loadUniverse(Set<String> symbols, LocalDate today) {
            reads++;
            if (failure != null) {
                throw failure;
            }
            return listing;
        }

        @Override
        public List<LocalDate> expiries(UnderlyingRef underlying) {
            return List.of();
        }

        @Override
        public OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry) {
            throw new MarketDataException("POST /v2/optionchain", "not in this test", MarketDataException.Kind.UNAVAILABLE);
        }
    }
}
