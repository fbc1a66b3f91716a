package com.livechain.universe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured underlyings an instrument list can serve, in configuration order, and a sentence for each
 * one it cannot. Start-up and every reload judge a list the same way.
 *
 * @param found   symbol to its universe, for the underlyings that have live index options
 * @param reasons one "SYMBOL: why" line per underlying that has none
 */
public record UniverseSelection(Map<String, UnderlyingUniverse> found, List<String> reasons) {

    public UniverseSelection {
        found = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(found));
        reasons = List.copyOf(reasons);
    }

    public static UniverseSelection of(UniverseLoad load, List<String> symbols) {
        Map<String, UnderlyingUniverse> found = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        for (String symbol : symbols) {
            UnderlyingUniverse u = load.found().get(symbol);
            if (u != null && !u.options().isEmpty()) {
                found.put(symbol, u);
            } else {
                reasons.add(symbol + ": " + load.missing().getOrDefault(symbol,
                        "the instrument list has no live index options for it"));
            }
        }
        return new UniverseSelection(found, reasons);
    }
}
