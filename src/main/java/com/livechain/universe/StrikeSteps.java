package com.livechain.universe;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives an underlying's strike step from its listed strikes, never from configuration: exchanges
 * change steps and a configured value would silently go wrong. The step is the most frequent gap
 * between consecutive strikes (NIFTY lists 50-point strikes near the money and 100-point ones far
 * out; the near ones are the majority, and traders call NIFTY's step 50). Ties go to the smaller gap.
 */
public final class StrikeSteps {

    private StrikeSteps() {
    }

    public static BigDecimal of(Collection<BigDecimal> strikes) {
        TreeSet<BigDecimal> sorted = new TreeSet<>();
        for (BigDecimal strike : strikes) {
            sorted.add(strike.stripTrailingZeros());
        }
        Map<BigDecimal, Integer> gaps = new TreeMap<>();
        BigDecimal previous = null;
        for (BigDecimal strike : sorted) {
            if (previous != null) {
                gaps.merge(strike.subtract(previous).stripTrailingZeros(), 1, Integer::sum);
            }
            previous = strike;
        }
        BigDecimal step = BigDecimal.ZERO;
        int best = 0;
        for (Map.Entry<BigDecimal, Integer> gap : gaps.entrySet()) {
            if (gap.getValue() > best) {
                best = gap.getValue();
                step = gap.getKey();
            }
        }
        return step;
    }
}
