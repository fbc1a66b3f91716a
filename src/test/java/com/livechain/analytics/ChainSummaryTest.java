package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PCR and max pain on small chains worked by hand. Max pain is the strike minimising the total intrinsic
 * value of all open options at expiry (the definition popularised by options-education sites and shown by
 * NSE-focused chains such as Sensibull and Opstra), checked here against that definition evaluated naively.
 */
class ChainSummaryTest {

    /*
     * strikes  100  110  120  130
     * CE OI      5   10   40   20   (total 75)
     * PE OI     30   25    5    0   (total 60)
     * payout to holders if expiry is at
     *   100: calls 0                         puts 25*10 + 5*20     = 350
     *   110: calls 5*10 = 50                 puts 5*10             =  50  -> 100, the least
     *   120: calls 5*20 + 10*10 = 200        puts 0                      -> 200
     *   130: calls 5*30 + 10*20 + 40*10 = 750                            -> 750
     */
    private static final double[] STRIKES = {100, 110, 120, 130};
    private static final long[] CE_OI = {5, 10, 40, 20};
    private static final long[] PE_OI = {30, 25, 5, 0};

    @Test
    void handWorkedChain() {
        ChainSummary summary = ChainSummary.of(STRIKES, CE_OI, PE_OI, new long[] {5, 12, 30, -1}, new long[] {20, 25, 5, 0});
        assertThat(summary.maxPain()).isEqualTo(110);
        assertThat(summary.pcr()).isCloseTo(0.8, within(1e-15));
        assertThat(summary.totalCeOi()).isEqualTo(75);
        assertThat(summary.totalPeOi()).isEqualTo(60);
        // CE: 0 - 2 + 10, the 130 strike has no previous figure; PE: 10 + 0 + 0 + 0.
        assertThat(summary.ceOiChange()).isEqualTo(8);
        assertThat(summary.peOiChange()).isEqualTo(10);
        assertThat(summary.totalOiChange()).isEqualTo(18);
    }

    @Test
    void unknownOpenInterestIsLeftOut() {
        long[] ce = {5, -1, 40, 20};
        long[] unknownPrev = {-1, -1, -1, -1};
        ChainSummary summary = ChainSummary.of(STRIKES, ce, PE_OI, unknownPrev, unknownPrev);
        assertThat(summary.totalCeOi()).isEqualTo(65);
        assertThat(summary.ceOiChange()).isZero();
        // Without the 10 calls at 110: 100 -> 350, 110 -> 100, 120 -> 150, 130 -> 150 + 400 = 550.
        assertThat(summary.maxPain()).isEqualTo(110);
    }

    @Test
    void pcrIsUndefinedWithoutCallOpenInterest() {
        long[] none = {-1, 0, -1, 0};
        ChainSummary summary = ChainSummary.of(STRIKES, none, PE_OI, none, none);
        assertThat(summary.pcr()).isNaN();
        // Puts alone: nothing is paid at 120 or at 130 (no puts there); a tie goes to the lower strike.
        assertThat(summary.maxPain()).isEqualTo(120);
    }

    @Test
    void maxPainIsUndefinedWithoutAnyOpenInterest() {
        long[] none = {-1, 0, -1, 0};
        assertThat(MaxPain.strike(STRIKES, none, none)).isNaN();
        assertThat(MaxPain.strike(new double[0], new long[0], new long[0])).isNaN();
    }

    @Test
    void maxPainTieGoesToTheLowerStrike() {
        // 100 -> puts 10*10 = 100; 110 -> calls 10*10 = 100.
        assertThat(MaxPain.strike(new double[] {100, 110}, new long[] {10, 0}, new long[] {0, 10})).isEqualTo(100);
    }

    @Test
    void maxPainAgreesWithTheDefinitionOnRandomChains() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            double[] strikes = new double[n];
            long[] ce = new long[n];
            long[] pe = new long[n];
            double k = 20_000;
            for (int i = 0; i < n; i++) {
                k += 50 * (1 + random.nextInt(3));
                strikes[i] = k;
                ce[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(5_000_000);
                pe[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(5_000_000);
            }
            assertThat(MaxPain.strike(strikes, ce, pe)).isEqualTo(naiveMaxPain(strikes, ce, pe));
        }
    }

    @Test
    void rejectsStrikesThatDoNotAscend() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MaxPain.strike(new double[] {100, 100}, new long[] {1, 1}, new long[] {1, 1}))
                .withMessageContaining("ascend");
    }

    private static double naiveMaxPain(double[] strikes, long[] ce, long[] pe) {
        double best = Double.POSITIVE_INFINITY;
        double at = Double.NaN;
        for (double s : strikes) {
            double payout = 0;
            for (int i = 0; i < strikes.length; i++) {
                payout += Math.max(ce[i], 0) * Math.max(s - strikes[i], 0) + Math.max(pe[i], 0) * Math.max(strikes[i] - s, 0);
            }
            if (payout < best) {
                best = payout;
                at = s;
            }
        }
        return at;
    }
}
