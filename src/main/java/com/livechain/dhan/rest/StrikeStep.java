package com.livechain.dhan.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.livechain.chain.Instrument;

/**
 * The strike step of an underlying, derived from the strikes the exchange lists (never configured).
 *
 * <p>Exchanges list strikes densely near the money and sparsely far from it (NIFTY: 50 apart near
 * the money, 100 further out), and a freshly listed strike can leave one odd gap. The step is
 * therefore the most frequent gap between neighbouring strikes, not the smallest or the first;
 * a tie goes to the smaller gap, the finer grid. Only the nearest expiry is looked at, since far
 * expiries list the sparse ladder alone.
 */
public final class StrikeStep {

    private StrikeStep() {
    }

    /** The step of a ladder of strikes in any order, duplicates allowed; zero for fewer than two distinct strikes. */
    public static BigDecimal of(Collection<BigDecimal> strikes) {
        TreeSet<BigDecimal> ladder = new TreeSet<>(BigDecimal::compareTo);
        ladder.addAll(strikes);
        Map<BigDecimal, Integer> gapCounts = new HashMap<>();
        BigDecimal previous = null;
        for (BigDecimal strike : ladder) {
            if (previous != null) {
                gapCounts.merge(StrikePrices.canonical(strike.subtract(previous)), 1, Integer::sum);
            }
            previous = strike;
        }
        BigDecimal step = BigDecimal.ZERO;
        int stepCount = 0;
        for (Map.Entry<BigDecimal, Integer> gap : gapCounts.entrySet()) {
            int count = gap.getValue();
            if (count > stepCount || (count == stepCount && gap.getKey().compareTo(step) < 0)) {
                step = gap.getKey();
                stepCount = count;
            }
        }
        return step;
    }

    /** The step of the nearest expiry among {@code options}; zero when there are none. */
    public static BigDecimal ofNearestExpiry(List<Instrument> options) {
        LocalDate nearest = null;
        for (Instrument option : options) {
            if (nearest == null || option.expiry().isBefore(nearest)) {
                nearest = option.expiry();
            }
        }
        LocalDate expiry = nearest;
        return of(options.stream().filter(o -> o.expiry().equals(expiry)).map(Instrument::strike).toList());
    }
}
