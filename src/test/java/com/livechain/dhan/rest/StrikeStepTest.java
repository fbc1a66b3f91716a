package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionType;

class StrikeStepTest {

    /** A NIFTY-like weekly ladder: 50 apart within 1500 points of the money, 100 apart beyond. */
    private static List<BigDecimal> niftyLadder() {
        List<BigDecimal> strikes = new ArrayList<>();
        for (int s = 22000; s < 23000; s += 100) {
            strikes.add(BigDecimal.valueOf(s));
        }
        for (int s = 23000; s < 26000; s += 50) {
            strikes.add(new BigDecimal(s + ".00000"));
        }
        for (int s = 26000; s <= 27000; s += 100) {
            strikes.add(BigDecimal.valueOf(s));
        }
        return strikes;
    }

    @Test
    void niftyLadderWithSparseFarStrikesHasStepFifty() {
        assertThat(StrikeStep.of(niftyLadder())).isEqualTo(new BigDecimal("50"));
    }

    @Test
    void orderAndDuplicatesDoNotMatter() {
        List<BigDecimal> strikes = niftyLadder();
        strikes.addAll(niftyLadder());
        Collections.shuffle(strikes, new java.util.Random(1));

        assertThat(StrikeStep.of(strikes)).isEqualTo(new BigDecimal("50"));
    }

    @Test
    void aTieGoesToTheSmallerGap() {
        List<BigDecimal> strikes = List.of(new BigDecimal("100"), new BigDecimal("200"), new BigDecimal("300"),
                new BigDecimal("350"), new BigDecimal("400"));

        assertThat(StrikeStep.of(strikes)).isEqualTo(new BigDecimal("50"));
    }

    @Test
    void aSingleStrikeOrNoneHasStepZero() {
        assertThat(StrikeStep.of(List.of(new BigDecimal("24000")))).isEqualTo(BigDecimal.ZERO);
        assertThat(StrikeStep.of(List.of(new BigDecimal("24000"), new BigDecimal("24000.00")))).isEqualTo(BigDecimal.ZERO);
        assertThat(StrikeStep.of(List.of())).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void fractionalStepsSurvive() {
        List<BigDecimal> strikes = List.of(new BigDecimal("10.5"), new BigDecimal("11.0"), new BigDecimal("11.5"));

        assertThat(StrikeStep.of(strikes)).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void onlyTheNearestExpiryCounts() {
        LocalDate near = LocalDate.of(2026, 12, 1);
        LocalDate far = LocalDate.of(2027, 3, 30);
        List<Instrument> options = new ArrayList<>();
        long id = 1;
        // The far expiry lists many more strikes, all 100 apart; the near one is 50 apart.
        for (int s = 20000; s <= 30000; s += 100) {
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", far, BigDecimal.valueOf(s), OptionType.CE, 65));
        }
        for (int s = 24000; s <= 24500; s += 50) {
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", near, BigDecimal.valueOf(s), OptionType.CE, 65));
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", near, BigDecimal.valueOf(s), OptionType.PE, 65));
        }

        assertThat(StrikeStep.ofNearestExpiry(options)).isEqualTo(new BigDecimal("50"));
        assertThat(StrikeStep.ofNearestExpiry(List.of())).isEqualTo(BigDecimal.ZERO);
    }
}
