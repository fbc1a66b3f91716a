package com.livechain.chain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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
        InstrumentIndex.Builder index = InstrumentIndex.builder();
        List<Underlying> underlyings = new ArrayList<>();
        List<OptionChain> chains = new ArrayList<>();
        for (UnderlyingUniverse universe : universes) {
            if (universe.options().isEmpty()) {
                continue;
            }
            UnderlyingRef ref = universe.underlying();
            Map<LocalDate, Map<BigDecimal, Instrument[]>> byExpiry = new TreeMap<>();
            for (Instrument option : universe.options()) {
                Instrument[] pair = byExpiry.computeIfAbsent(option.expiry(), e -> new TreeMap<>())
                        .computeIfAbsent(option.strike().stripTrailingZeros(), s -> new Instrument[2]);
                pair[option.type().ordinal()] = option;
            }
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
