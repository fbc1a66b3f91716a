package com.livechain.universe;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ChainFixtures;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.SnapshotLeg;
import com.livechain.chain.UnderlyingRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.livechain.universe.MarketDataException.Kind;

import static org.awaitility.Awaitility.await;

class ChainLoaderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T04:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate EXPIRY = LocalDate.of(2026, 12, 1);

    private final List<Object> events = new ArrayList<>();
    private final ChainCache cache = new ChainCache(CLOCK);
    private ChainLoader loader;

    /** A source whose answers each test sets. */
    private static class FakeSource implements MarketDataSource {
        UniverseLoad universe = new UniverseLoad(Map.of(), Map.of());
        RuntimeException universeFailure;
        RuntimeException expiriesFailure;
        OptionChainSnapshot snapshot;
        final List<String> universeReads = new CopyOnWriteArrayList<>();

        @Override
        public UniverseLoad loadUniverse(Set<String> symbols, LocalDate today) {
            universeReads.add(Thread.currentThread().getName());
            if (universeFailure != null) {
                throw universeFailure;
            }
            return universe;
        }

        @Override
        public List<LocalDate> expiries(UnderlyingRef underlying) {
            if (expiriesFailure != null) {
                throw expiriesFailure;
            }
            return List.of(EXPIRY);
        }

        @Override
        public OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry) {
            if (snapshot == null) {
                throw new MarketDataException("POST /v2/optionchain", "502 Bad Gateway", Kind.UNAVAILABLE);
            }
            return snapshot;
        }
    }

    private final FakeSource source = new FakeSource();

    private ChainLoader loader(List<String> symbols) {
        loader = new ChainLoader(source, MarketSource.DHAN, symbols, cache, events::add, CLOCK);
        return loader;
    }

    @AfterEach
    void stop() {
        if (loader != null) {
            loader.close();
        }
    }

    private static UnderlyingUniverse nifty() {
        return ChainFixtures.universe(ChainFixtures.NIFTY, ExchangeSegment.NSE_FNO, 75, List.of(EXPIRY), 24400, 24600, 50, 500);
    }

    @Test
    void fillsTheCachePublishesReadyAndSeedsTheNearestExpiry() {
        source.universe = new UniverseLoad(Map.of("NIFTY", nifty()), Map.of());
        source.snapshot = new OptionChainSnapshot(24512.35, List.of(
                new SnapshotLeg(new BigDecimal("24500.000000"), OptionType.CE, 504, 112.5, 98.2, 5_432_100, 5_311_800,
                        1_200_345, 112.3, 750, 112.6, 300)));

        loader(List.of("NIFTY")).load();

        assertThat(cache.isReady()).isTrue();
        assertThat(events).singleElement().isInstanceOfSatisfying(ChainReadyEvent.class,
                e -> assertThat(e.index().size()).isEqualTo(11));
        Leg atmCall = cache.chain("NIFTY", EXPIRY).orElseThrow().strikes().get(2).ce();
        await().untilAsserted(() -> assertThat(atmCall.read().ltp()).isEqualTo(112.5));
        assertThat(cache.underlying("NIFTY").orElseThrow().spot().read().ltp()).isEqualTo(24512.35);
    }

    @Test
    void aPrefetchedInstrumentListIsReadOnceInTheBackgroundAndUsedByLoad() {
        source.universe = new UniverseLoad(Map.of("NIFTY", nifty()), Map.of());
        ChainLoader loader = loader(List.of("NIFTY"));

        loader.prefetch();
        loader.prefetch();
        loader.load();

        assertThat(source.universeReads).containsExactly("chain-loader");
        assertThat(cache.isReady()).isTrue();
        assertThat(cache.chain("NIFTY", EXPIRY)).isPresent();
    }

    @Test
    void aPrefetchThatFailedStopsStartUpAsAnInlineReadWould() {
        source.universeFailure = new MarketDataException("GET /api-scrip-master-detailed.csv", "503 Service Unavailable",
                Kind.UNAVAILABLE);
        ChainLoader loader = loader(List.of("NIFTY"));

        loader.prefetch();

        assertThatThrownBy(loader::load).isInstanceOfSatisfying(ChainLoadException.class, e -> {
            assertThat(e.getMessage()).contains("NIFTY: GET /api-scrip-master-detailed.csv answered 503 Service Unavailable");
            assertThat(e.getCause()).isSameAs(source.universeFailure);
        });
        assertThat(cache.isReady()).isFalse();
    }

    @Test
    void anEmptyUniverseStopsStartUpNamingEachUnderlyingAndWhatToDo() {
        source.universe = new UniverseLoad(Map.of(), Map.of("NIFTYX",
                "the instrument list has no live index options with UNDERLYING_SYMBOL=NIFTYX (it lists: NIFTY, BANKNIFTY)"));

        assertThatThrownBy(() -> loader(List.of("NIFTYX", "FOO")).load())
                .isInstanceOfSatisfying(ChainLoadException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Start-up failed: the chain cache is empty.")
                            .contains("NIFTYX: the instrument list has no live index options with UNDERLYING_SYMBOL=NIFTYX")
                            .contains("FOO: the instrument list has no live index options for it");
                    assertThat(e.action()).contains("livechain.underlyings");
                });
        assertThat(cache.isReady()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aRefusedTokenStopsStartUpNamingTheCallAndTheAnswer() {
        source.universe = new UniverseLoad(Map.of("NIFTY", nifty()), Map.of());
        source.expiriesFailure = new MarketDataException("POST /v2/optionchain/expirylist",
                "401 DH-901 (access token invalid or expired)", Kind.AUTHENTICATION);

        assertThatThrownBy(() -> loader(List.of("NIFTY")).load())
                .isInstanceOfSatisfying(ChainLoadException.class, e -> {
                    assertThat(e.reasons()).containsExactly(
                            "NIFTY: POST /v2/optionchain/expirylist answered 401 DH-901 (access token invalid or expired)");
                    assertThat(e.action()).contains("DHAN_ACCESS_TOKEN");
                });
        assertThat(cache.isReady()).isFalse();
    }

    @Test
    void anUnreachableInstrumentListIsNamedForEveryUnderlying() {
        source.universeFailure = new MarketDataException("GET https://images.dhan.co/api-data/api-scrip-master-detailed.csv",
                "connection refused", Kind.UNAVAILABLE);

        assertThatThrownBy(() -> loader(List.of("NIFTY", "SENSEX")).load())
                .isInstanceOfSatisfying(ChainLoadException.class, e -> assertThat(e.reasons()).containsExactly(
                        "NIFTY: GET https://images.dhan.co/api-data/api-scrip-master-detailed.csv answered connection refused",
                        "SENSEX: GET https://images.dhan.co/api-data/api-scrip-master-detailed.csv answered connection refused"));
    }

    @Test
    void aFailingExpiryListThatIsNotAnAuthErrorDoesNotStopStartUp() {
        source.universe = new UniverseLoad(Map.of("NIFTY", nifty()), Map.of());
        source.expiriesFailure = new MarketDataException("POST /v2/optionchain/expirylist", "502 Bad Gateway", Kind.UNAVAILABLE);

        loader(List.of("NIFTY")).load();

        assertThat(cache.isReady()).isTrue();
    }
}
