package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.livechain.analytics.Black76;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.ChainAssembler;
import com.livechain.universe.UnderlyingUniverse;

/** IV and greeks kept between renders are reused only while premium, forward and time are those they came from. */
class LegPricingsTest {

    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final double RATE = 0.10;
    static final double YEARS = 5.0 / 365;
    static final double FORWARD = 26_030.0;

    private OptionChain chain;
    private double[] strikes;

    @BeforeEach
    void setUp() {
        List<Instrument> options = new ArrayList<>();
        long id = 35_000;
        for (int k = 24_000; k <= 28_000; k += 50) {
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, BigDecimal.valueOf(k), OptionType.CE, 75));
            options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, BigDecimal.valueOf(k), OptionType.PE, 75));
        }
        chain = ChainAssembler.assemble(
                List.of(new UnderlyingUniverse(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I), options)))
                .chains().get(0);
        strikes = new LegPricings(RATE).of(chain).strikeValues();
    }

    private static double premium(boolean call, double strike) {
        return Math.max(0.05, Black76.price(call, FORWARD, strike, YEARS, RATE, 0.14));
    }

    private LegPricings.Priced price(LegPricings pricings, int slot, double premium, double forward, double years) {
        return pricings.of(chain).price(slot, slot % 2 == 0, premium, forward, strikes[slot / 2], years);
    }

    @Test
    void keepsAResultWhileNothingMovedAndSolvesAgainWhenPremiumForwardOrTimeDoes() {
        int slot = 2 * 40; // the 26000 call
        double premium = premium(true, strikes[40]);
        double[][] moves = {{0.05, 0, 0}, {0, 0.05, 0}, {0, 0, -1.0 / 365 / 86_400}};
        for (double[] move : moves) {
            LegPricings pricings = new LegPricings(RATE);
            LegPricings.Priced first = price(pricings, slot, premium, FORWARD, YEARS);
            assertThat(first.priced()).isTrue();
            assertThat(price(pricings, slot, premium, FORWARD, YEARS)).isSameAs(first);

            LegPricings.Priced moved = price(pricings, slot, premium + move[0], FORWARD + move[1], YEARS + move[2]);
            assertThat(moved).as("after a move of premium, forward, years by %s", java.util.Arrays.toString(move))
                    .isNotSameAs(first)
                    .isEqualTo(price(new LegPricings(RATE), slot, premium + move[0], FORWARD + move[1], YEARS + move[2]));
            assertThat(moved.iv()).isNotEqualTo(first.iv());
        }
    }
}
