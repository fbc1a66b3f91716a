package com.livechain.chain;

import com.livechain.universe.ChainAssembler;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;

class ChainCacheTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final LocalDate NEXT_WEEK = LocalDate.of(2026, 12, 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:30:00Z"));
    private final ChainCache cache = new ChainCache(clock);

    private void installNifty() {
        ChainAssembler.Assembly a = ChainAssembler.assemble(List.of(ChainFixtures.universe(ChainFixtures.NIFTY,
                ExchangeSegment.NSE_FNO, 75, List.of(TODAY, NEXT_WEEK), 24000, 24100, 50, 1)));
        cache.install(MarketSource.DHAN, a.underlyings(), a.chains(), a.index());
    }

    @Test
    void isEmptyAndNotReadyBeforeInstall() {
        assertThat(cache.isReady()).isFalse();
        assertThat(cache.source()).isEmpty();
        assertThat(cache.underlyings()).isEmpty();
        assertThat(cache.index().size()).isZero();
    }

    @Test
    void servesChainsByCaseInsensitiveSymbolAndExpiry() {
        installNifty();
        assertThat(cache.isReady()).isTrue();
        assertThat(cache.source()).contains(MarketSource.DHAN);
        assertThat(cache.expiries("nifty")).containsExactly(TODAY, NEXT_WEEK);
        assertThat(cache.chain("Nifty", NEXT_WEEK)).get().extracting(OptionChain::expiry).isEqualTo(NEXT_WEEK);
        assertThat(cache.chainCount()).isEqualTo(2);
        assertThat(cache.legCount()).isEqualTo(12);
    }

    @Test
    void anExpiryLeavesTheCacheAtItsCloseAt1530Ist() {
        installNifty();
        clock.advance(Duration.ofHours(5).plusMinutes(29)); // 15:29 IST
        assertThat(cache.expiries("NIFTY")).containsExactly(TODAY, NEXT_WEEK);

        clock.advance(Duration.ofMinutes(1)); // 15:30 IST
        assertThat(cache.expiries("NIFTY")).containsExactly(NEXT_WEEK);
        assertThat(cache.chain("NIFTY", TODAY)).isEmpty();
        assertThat(cache.chainCount()).isEqualTo(1);
    }
}
