package com.livechain.universe;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.livechain.chain.OptionChain;
import com.livechain.market.MarketHours;

/**
 * Refuses an instrument list that would leave half a universe. A download that breaks off between two
 * rows parses cleanly and simply lists fewer contracts, so a list is judged against what is served now:
 * every underlying served must still be listed, and with at least half of its options that have not
 * expired (exchanges add and retire strikes daily, a few percent at a time; losing half of the live
 * contracts overnight is a broken file, not a market event).
 */
final class ReloadGuard {

    /** Below this share of yesterday's live options an underlying's list is taken as truncated. */
    static final double MIN_SHARE_KEPT = 0.5;

    private ReloadGuard() {
    }

    /** Why {@code selection} must not replace {@code served}, or empty when it may. */
    static Optional<String> refuse(Collection<OptionChain> served, UniverseSelection selection, Instant now) {
        Map<String, Integer> liveBefore = new HashMap<>();
        for (OptionChain chain : served) {
            if (MarketHours.expiryClose(chain.expiry()).isAfter(now)) {
                liveBefore.merge(chain.underlying().symbol(), chain.legCount(), Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> before : liveBefore.entrySet()) {
            String symbol = before.getKey();
            UnderlyingUniverse after = selection.found().get(symbol);
            if (after == null) {
                return Optional.of("the instrument list no longer lists " + symbol + " ("
                        + selection.reasons().stream().filter(r -> r.startsWith(symbol + ":")).findFirst()
                        .orElse(symbol + ": not listed") + ")");
            }
            int listed = after.options().size();
            if (listed < before.getValue() * MIN_SHARE_KEPT) {
                return Optional.of("the instrument list has " + listed + " live " + symbol + " options against "
                        + before.getValue() + " served now: a truncated download?");
            }
        }
        return Optional.empty();
    }
}
