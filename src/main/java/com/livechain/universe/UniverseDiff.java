package com.livechain.universe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;

/**
 * What a reload changed: the slots it added and dropped (by identity: a kept slot is the same object in both
 * indexes, see {@link InstrumentIndex#builder(InstrumentIndex)}) and the expiries listed or delisted per
 * underlying.
 *
 * @param addedLegs       slots of the new index that the old one did not hold, underlyings and options
 * @param removedLegs     slots of the old index that the new one no longer holds
 * @param keptLegs        slots in both
 * @param addedExpiries   symbol to expiries listed now and not before
 * @param removedExpiries symbol to expiries listed before and not now
 */
public record UniverseDiff(List<Leg> addedLegs, List<Leg> removedLegs, int keptLegs,
                           Map<String, List<LocalDate>> addedExpiries, Map<String, List<LocalDate>> removedExpiries) {

    public UniverseDiff {
        addedLegs = List.copyOf(addedLegs);
        removedLegs = List.copyOf(removedLegs);
        addedExpiries = Map.copyOf(addedExpiries);
        removedExpiries = Map.copyOf(removedExpiries);
    }

    public static UniverseDiff between(InstrumentIndex before, Collection<OptionChain> chainsBefore,
                                       InstrumentIndex after, Collection<OptionChain> chainsAfter) {
        List<Leg> added = new ArrayList<>();
        List<Leg> removed = new ArrayList<>();
        int kept = 0;
        for (Leg leg : allLegs(after)) {
            if (before.holds(leg)) {
                kept++;
            } else {
                added.add(leg);
            }
        }
        for (Leg leg : allLegs(before)) {
            if (!after.holds(leg)) {
                removed.add(leg);
            }
        }
        Map<String, TreeSet<LocalDate>> was = expiries(chainsBefore);
        Map<String, TreeSet<LocalDate>> now = expiries(chainsAfter);
        return new UniverseDiff(added, removed, kept, difference(now, was), difference(was, now));
    }

    public boolean isEmpty() {
        return addedLegs.isEmpty() && removedLegs.isEmpty() && addedExpiries.isEmpty() && removedExpiries.isEmpty();
    }

    private static List<Leg> allLegs(InstrumentIndex index) {
        List<Leg> legs = new ArrayList<>(index.underlyings().size() + index.options().size());
        legs.addAll(index.underlyings());
        legs.addAll(index.options());
        return legs;
    }

    private static Map<String, TreeSet<LocalDate>> expiries(Collection<OptionChain> chains) {
        Map<String, TreeSet<LocalDate>> bySymbol = new TreeMap<>();
        for (OptionChain chain : chains) {
            bySymbol.computeIfAbsent(chain.underlying().symbol(), s -> new TreeSet<>()).add(chain.expiry());
        }
        return bySymbol;
    }

    /** Per symbol, the dates in {@code a} that {@code b} lacks; symbols with none are left out. */
    private static Map<String, List<LocalDate>> difference(Map<String, TreeSet<LocalDate>> a,
                                                           Map<String, TreeSet<LocalDate>> b) {
        Map<String, List<LocalDate>> out = new TreeMap<>();
        a.forEach((symbol, dates) -> {
            TreeSet<LocalDate> only = new TreeSet<>(dates);
            only.removeAll(b.getOrDefault(symbol, new TreeSet<>()));
            if (!only.isEmpty()) {
                out.put(symbol, List.copyOf(only));
            }
        });
        return out;
    }
}
