package com.livechain.universe;

import com.livechain.chain.Instrument;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import com.livechain.chain.UnderlyingRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the cache's structure from the instrument universe: one {@link Underlying} per symbol with
 * its derived strike step, one {@link OptionChain} per expiry with strikes ascending, and the
 * security-id index over every slot. Pure: no I/O, no clock.
 */
public final class ChainAssembler {

    /** What {@link #assemble} built. */
    public record Assembly(List<Underlying> underlyings, List<OptionChain> chains, InstrumentIndex index) {
    }

    private ChainAssembler() {
    }

    public static Assembly assemble(Collection<UnderlyingUniverse> universes) {
        return assemble(universes, InstrumentIndex.EMPTY);
    }

    /**
     * Builds the structure again for a reload: every instrument {@code previous} already holds keeps its
     * slot object (its live prices and its subscription), new ones get fresh slots, and slots the new
     * universe no longer lists are simply not in the result.
     */
    public static Assembly assemble(Collection<UnderlyingUniverse> universes, InstrumentIndex previous) {
        InstrumentIndex.Builder index = InstrumentIndex.builder(previous);
        List<Underlying> underlyings = new ArrayList<>();
        List<OptionChain> chains = new ArrayList<>();
        List<Map<LocalDate, Map<BigDecimal, Instrument[]>>> grouped = new ArrayList<>();
        for (UnderlyingUniverse universe : universes) {
            Map<LocalDate, Map<BigDecimal, Instrument[]>> byExpiry = new TreeMap<>();
            for (Instrument option : universe.options()) {
                Instrument[] pair = byExpiry.computeIfAbsent(option.expiry(), e -> new TreeMap<>())
                        .computeIfAbsent(option.strike().stripTrailingZeros(), s -> new Instrument[2]);
                pair[option.type().ordinal()] = option;
            }
            grouped.add(byExpiry);
        }
        registerOptionsByPriority(index, grouped);
        int u = 0;
        for (UnderlyingUniverse universe : universes) {
            Map<LocalDate, Map<BigDecimal, Instrument[]>> byExpiry = grouped.get(u++);
            if (byExpiry.isEmpty()) {
                continue;
            }
            UnderlyingRef ref = universe.underlying();
            LocalDate nearest = byExpiry.keySet().iterator().next();
            Underlying underlying = new Underlying(ref, index.underlying(ref.securityId(), ref.segment()),
                    lotSize(byExpiry.get(nearest)), StrikeSteps.of(byExpiry.get(nearest).keySet()));
            underlyings.add(underlying);
            byExpiry.forEach((expiry, strikes) -> {
                List<StrikeRow> rows = new ArrayList<>(strikes.size());
                strikes.forEach((strike, pair) -> rows.add(new StrikeRow(strike,
                        slot(index, pair[OptionType.CE.ordinal()]), slot(index, pair[OptionType.PE.ordinal()]))));
                chains.add(new OptionChain(underlying, expiry, rows));
            });
        }
        return new Assembly(List.copyOf(underlyings), List.copyOf(chains), index.build());
    }

    /**
     * Creates the option slots in the order the feed should subscribe them, because Dhan streams at most
     * 25,000 instruments a user and a full index universe can be larger: whatever does not fit should be
     * what a trader looks at least. So: nearest expiry first across all underlyings, and within an expiry
     * the strikes nearest the middle of its listed range first (the exchange lists strikes around the
     * money, and the spot is not known yet when the skeleton is built). Ties keep configuration order,
     * then the call before the put.
     */
    private static void registerOptionsByPriority(InstrumentIndex.Builder index,
                                                  List<Map<LocalDate, Map<BigDecimal, Instrument[]>>> grouped) {
        record Ranked(LocalDate expiry, int distance, int underlying, Instrument[] pair) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (int u = 0; u < grouped.size(); u++) {
            for (Map.Entry<LocalDate, Map<BigDecimal, Instrument[]>> expiry : grouped.get(u).entrySet()) {
                List<Instrument[]> pairs = new ArrayList<>(expiry.getValue().values());
                int middle = pairs.size() / 2;
                for (int i = 0; i < pairs.size(); i++) {
                    ranked.add(new Ranked(expiry.getKey(), Math.abs(i - middle), u, pairs.get(i)));
                }
            }
        }
        ranked.sort(Comparator.comparing(Ranked::expiry).thenComparingInt(Ranked::distance)
                .thenComparingInt(Ranked::underlying));
        for (Ranked r : ranked) {
            slot(index, r.pair()[OptionType.CE.ordinal()]);
            slot(index, r.pair()[OptionType.PE.ordinal()]);
        }
    }

    private static Leg slot(InstrumentIndex.Builder index, Instrument option) {
        return option == null ? null : index.option(option.securityId(), option.segment());
    }

    /** The lot size of the nearest expiry: NSE revises lot sizes for new contracts, so that is the one traded now. */
    private static int lotSize(Map<BigDecimal, Instrument[]> strikes) {
        for (Instrument[] pair : strikes.values()) {
            for (Instrument option : pair) {
                if (option != null) {
                    return option.lotSize();
                }
            }
        }
        return 0;
    }
}
