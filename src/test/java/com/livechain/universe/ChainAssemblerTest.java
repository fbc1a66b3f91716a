package com.livechain.universe;

import com.livechain.chain.ChainFixtures;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChainAssemblerTest {

    private static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    private static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);

    @Test
    void buildsOneChainPerExpiryWithStrikesAscendingAndBothLegs() {
        UnderlyingUniverse nifty = ChainFixtures.universe(ChainFixtures.NIFTY, ExchangeSegment.NSE_FNO, 75,
                List.of(MONTHLY, WEEKLY), 24000, 25000, 50, 40000);

        ChainAssembler.Assembly assembly = ChainAssembler.assemble(List.of(nifty));

        assertThat(assembly.underlyings()).singleElement().satisfies(u -> {
            assertThat(u.symbol()).isEqualTo("NIFTY");
            assertThat(u.lotSize()).isEqualTo(75);
            assertThat(u.strikeStep()).isEqualByComparingTo("50");
            assertThat(u.spot().securityId()).isEqualTo(13);
            assertThat(u.spot().segment()).isEqualTo(ExchangeSegment.IDX_I);
        });
        assertThat(assembly.chains()).extracting(OptionChain::expiry).containsExactly(WEEKLY, MONTHLY);
        OptionChain weekly = assembly.chains().get(0);
        assertThat(weekly.strikes()).hasSize(21);
        assertThat(weekly.strikes().get(0).strike()).isEqualByComparingTo("24000");
        assertThat(weekly.strikes().get(20).strike()).isEqualByComparingTo("25000");
        // MONTHLY was listed first in the universe, so its ids start at 40000 and WEEKLY's at 40042.
        assertThat(weekly.strikes().get(0).ce().securityId()).isEqualTo(40042);
        assertThat(weekly.strikes().get(0).pe().securityId()).isEqualTo(40043);
        assertThat(assembly.index().size()).isEqualTo(2 * 21 * 2 + 1);
        assertThat(assembly.index().find(ExchangeSegment.NSE_FNO.code(), 40042)).isSameAs(weekly.strikes().get(0).ce());
        assertThat(assembly.index().find(ExchangeSegment.IDX_I.code(), 13)).isSameAs(assembly.underlyings().get(0).spot());
        assertThat(assembly.index().find(ExchangeSegment.BSE_FNO.code(), 40042)).isNull();
        assertThat(assembly.index().underlyings()).hasSize(1);
        assertThat(assembly.index().options()).hasSize(84);
    }

    @Test
    void optionsAreIndexedNearestExpiryFirstAcrossUnderlyingsThenNearestTheMiddleStrike() {
        // The feed subscribes index.options() in order and Dhan streams 25,000 instruments at most: what a
        // too-large universe leaves out must be the far expiries and far strikes, never one whole underlying.
        UnderlyingRef bank = new UnderlyingRef("BANKNIFTY", 25, ExchangeSegment.IDX_I);
        LocalDate bankMonthly = LocalDate.of(2026, 12, 15);
        UnderlyingUniverse nifty = ChainFixtures.universe(ChainFixtures.NIFTY, ExchangeSegment.NSE_FNO, 75,
                List.of(MONTHLY, WEEKLY), 24000, 24200, 50, 1000);
        UnderlyingUniverse bankNifty = ChainFixtures.universe(bank, ExchangeSegment.NSE_FNO, 35,
                List.of(bankMonthly), 52000, 52200, 100, 2000);

        InstrumentIndex index = ChainAssembler.assemble(List.of(nifty, bankNifty)).index();

        assertThat(index.options()).hasSize(2 * (5 + 5 + 3));
        // Ids: NIFTY MONTHLY 1000.., NIFTY WEEKLY 1010.. (24000, 24050, 24100, 24150, 24200); BANKNIFTY 2000..
        assertThat(index.options()).extracting(Leg::securityId).startsWith(
                1014L, 1015L,                    // weekly, middle strike 24100: CE then PE
                1012L, 1013L, 1016L, 1017L,      // weekly 24050 and 24150
                1010L, 1011L, 1018L, 1019L,      // weekly 24000 and 24200
                2002L, 2003L,                    // BANKNIFTY's 15 Dec expiry comes before NIFTY's monthly
                2000L, 2001L, 2004L, 2005L,
                1004L, 1005L);                   // NIFTY monthly, middle strike
    }

    @Test
    void aStrikeListedWithOnlyOneSideKeepsTheOtherNull() {
        UnderlyingUniverse universe = new UnderlyingUniverse(ChainFixtures.NIFTY, List.of(
                new Instrument(1, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, new BigDecimal("24000"), OptionType.CE, 75),
                new Instrument(2, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, new BigDecimal("24050"), OptionType.PE, 75)));

        OptionChain chain = ChainAssembler.assemble(List.of(universe)).chains().get(0);

        assertThat(chain.strikes().get(0).pe()).isNull();
        assertThat(chain.strikes().get(1).ce()).isNull();
        assertThat(chain.legCount()).isEqualTo(2);
    }
}
