package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IvRankTest {

    /** 1, 2, ..., n. */
    private static double[] oneTo(int n) {
        double[] days = new double[n];
        for (int i = 0; i < n; i++) {
            days[i] = i + 1;
        }
        return days;
    }

    @Test
    void rankIsThePositionOfCurrentInTheRange() {
        // Over 1..20: (15 - 1) / (20 - 1) x 100
        assertThat(IvRank.rank(15, oneTo(20), 20)).isCloseTo(73.6842105, within(1e-6));
        assertThat(IvRank.rank(1, oneTo(20), 20)).isEqualTo(0.0);
        assertThat(IvRank.rank(20, oneTo(20), 20)).isEqualTo(100.0);
        assertThat(IvRank.rank(39, oneTo(20), 20)).as("above the year's high").isEqualTo(200.0);
    }

    @Test
    void percentileIsTheShareOfDaysStrictlyBelowCurrent() {
        // 1..14 are below 15: 14 of 20
        assertThat(IvRank.percentile(15, oneTo(20), 20)).isEqualTo(70.0);
        assertThat(IvRank.percentile(15.5, oneTo(20), 20)).isEqualTo(75.0);
        assertThat(IvRank.percentile(1, oneTo(20), 20)).isEqualTo(0.0);
        assertThat(IvRank.percentile(21, oneTo(20), 20)).isEqualTo(100.0);
    }

    @Test
    void bothAreUndefinedUntilTwentyDays() {
        assertThat(IvRank.rank(15, oneTo(19), 19)).isNaN();
        assertThat(IvRank.percentile(15, oneTo(19), 19)).isNaN();
        assertThat(IvRank.rank(15, oneTo(20), 19)).as("only count entries are read").isNaN();
    }

    @Test
    void onlyTheLastTradingYearCounts() {
        // 48 old days of 1000 (outside the window), then 1..252.
        double[] days = new double[300];
        for (int i = 0; i < 48; i++) {
            days[i] = 1000;
        }
        System.arraycopy(oneTo(252), 0, days, 48, 252);

        // (127 - 1) / (252 - 1) x 100; 126 of 252 days below 127.
        assertThat(IvRank.rank(127, days, days.length)).isCloseTo(50.1992032, within(1e-6));
        assertThat(IvRank.percentile(127, days, days.length)).isEqualTo(50.0);
    }

    @Test
    void missingDaysAreLeftOutAndAFlatHistoryHasNoRank() {
        double[] days = oneTo(22);
        days[3] = Double.NaN;
        days[7] = 0;
        // 20 usable days: 1..22 without 4 and 8. Below 10: 1,2,3,5,6,7,9 = 7 of 20.
        assertThat(IvRank.percentile(10, days, days.length)).isEqualTo(35.0);
        assertThat(IvRank.rank(10, days, days.length)).isCloseTo((10 - 1) / 21.0 * 100, within(1e-9));
        days[0] = Double.NaN;
        assertThat(IvRank.rank(10, days, days.length)).as("19 usable days").isNaN();

        double[] flat = new double[30];
        java.util.Arrays.fill(flat, 12.5);
        assertThat(IvRank.rank(12.5, flat, flat.length)).isNaN();
        assertThat(IvRank.percentile(12.5, flat, flat.length)).isEqualTo(0.0);
    }

    @Test
    void noCurrentValueHasNoFigures() {
        assertThat(IvRank.rank(Double.NaN, oneTo(30), 30)).isNaN();
        assertThat(IvRank.percentile(0, oneTo(30), 30)).isNaN();
    }
}
