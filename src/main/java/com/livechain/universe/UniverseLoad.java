package com.livechain.universe;

import java.util.Map;

/**
 * The result of reading the instrument list for the configured underlyings.
 *
 * @param found   symbol to its universe, for every underlying that has live index options
 * @param missing symbol to a sentence saying why nothing was found for it (shown at start-up)
 */
public record UniverseLoad(Map<String, UnderlyingUniverse> found, Map<String, String> missing) {

    public UniverseLoad {
        found = Map.copyOf(found);
        missing = Map.copyOf(missing);
    }
}
