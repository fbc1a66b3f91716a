package com.livechain.universe;

import static com.livechain.universe.ReloadFixtures.BANKNIFTY;
import static com.livechain.universe.ReloadFixtures.NIFTY;
import static com.livechain.universe.ReloadFixtures.id;
import static com.livechain.universe.ReloadFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;
import com.livechain.chain.ChainCache;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.universe.ReloadFixtures.ListingSource;
import com.livechain.universe.ReloadResult.Outcome;

class UniverseReloaderTest {

    /** Tuesday 2026-12-01 08:45 IST. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:15:00Z"));
    private static final LocalDate DEC_08 = LocalDate.of(2026, 12, 8);
    private static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    private static final LocalDate DEC_22 = LocalDate.of(2026, 12, 22);

    private final ListingSource source = new ListingSource();
    private final ChainCache cache = new ChainCache(clock);
    private final List<Object> events = new ArrayList<>();
    private final TickApplier ticks = new TickApplier(cache::index, clock);
    private UniverseReloader reloader;

    @BeforeEach
    void loadedAtStartUp() {
        source.list(listing(NIFTY, List.of(DEC_08, DEC_15), 25800, 26200, 50),
                listing(BANKNIFTY, List.of(LocalDate.of(2026, 12, 29)), 59000, 60000, 100));
        new ChainLoader(source, MarketSource.DHAN, List.of("NIFTY", "BANKNIFTY"), cache, events::add, clock).load();
        events.clear();
        reloader = new UniverseReloader(source, List.of("NIFTY", "BANKNIFTY"), cache, events::add, clock);
    }

    @Test
    void aNewWeeklyAndNewStrikesAreAddedAndUnchangedLegsKeepTheirSlotsAndPrices() {
        Leg before = leg(DEC_08, 26000, OptionType.CE);
        ticks.ticker(before.segment().code(), before.securityId(), 123.45, 1L);
        InstrumentIndex old = cache.index();

        source.list(listing(NIFTY, List.of(DEC_08, DEC_15, DEC_22), 25800, 26400, 50),
                listing(BANKNIFTY, List.of(LocalDate.of(2026, 12, 29)), 59000, 60000, 100));
        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(cache.expiries("NIFTY")).containsExactly(DEC_08, DEC_15, DEC_22);
        Leg after = leg(DEC_08, 26000, OptionType.CE);
        assertThat(after).isSameAs(before);
        assertThat(after.read().ltp()).isEqualTo(123.45);
        assertThat(cache.chain("NIFTY", DEC_08).orElseThrow().strikes()).hasSize(13);
        // 2 expiries x 4 new strikes x 2, plus the new weekly's 13 strikes x 2.
        assertThat(result.legsAdded()).isEqualTo(2 * 4 * 2 + 13 * 2);
        assertThat(result.legsRemoved()).isZero();
        assertThat(result.expiriesAdded()).containsEntry("NIFTY", List.of(DEC_22));

        UniverseReloadedEvent event = (UniverseReloadedEvent) events.get(0);
        assertThat(event.previous()).isSameAs(old);
        assertThat(event.current()).isSameAs(cache.index());
        assertThat(event.diff().addedLegs()).hasSize(result.legsAdded())
                .allSatisfy(leg -> assertThat(old.find(leg.segment().code(), leg.securityId())).isNull());
        // A tick for a new leg lands in the new structure; one for a kept leg still lands where the chain reads it.
        long newId = id(DEC_22, 26000, OptionType.PE);
        assertThat(ticks.ticker(2, newId, 99.5, 1L)).isTrue();
        assertThat(leg(DEC_22, 26000, OptionType.PE).read().ltp()).isEqualTo(99.5);
    }

    @Test
    void aDelistedExpiryIsDroppedAndItsLegsAreNamedForUnsubscribing() {
        Leg gone = leg(DEC_15, 26000, OptionType.PE);
        source.list(listing(NIFTY, List.of(DEC_08), 25800, 26200, 50),
                listing(BANKNIFTY, List.of(LocalDate.of(2026, 12, 29)), 59000, 60000, 100));

        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(cache.expiries("NIFTY")).containsExactly(DEC_08);
        assertThat(cache.chain("NIFTY", DEC_15)).isEmpty();
        assertThat(cache.index().find(gone.segment().code(), gone.securityId())).isNull();
        assertThat(result.expiriesRemoved()).containsEntry("NIFTY", List.of(DEC_15));
        UniverseReloadedEvent event = (UniverseReloadedEvent) events.get(0);
        assertThat(event.diff().removedLegs()).hasSize(9 * 2).contains(gone);
        assertThat(event.diff().addedLegs()).isEmpty();
    }

    @Test
    void aFailedReadKeepsTheServedChainsAndIsCounted() {
        InstrumentIndex served = cache.index();
        source.failure = new MarketDataException("GET api-scrip-master-detailed.csv", "502 Bad Gateway",
                MarketDataException.Kind.UNAVAILABLE);

        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).isEqualTo("GET api-scrip-master-detailed.csv answered 502 Bad Gateway");
        assertThat(cache.index()).isSameAs(served);
        assertThat(cache.expiries("NIFTY")).containsExactly(DEC_08, DEC_15);
        assertThat(events).isEmpty();
        assertThat(reloader.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(reloader.lastFailure()).contains(result);
    }

    @Test
    void anEmptyListIsRefused() {
        source.list();

        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).startsWith("the instrument list has no live index options");
        assertThat(cache.expiries("BANKNIFTY")).hasSize(1);
    }

    @Test
    void aListMissingAnUnderlyingIsRefusedWholeNotAppliedInPart() {
        InstrumentIndex served = cache.index();
        source.list(listing(NIFTY, List.of(DEC_08, DEC_15, DEC_22), 25800, 26200, 50));

        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).contains("no longer lists BANKNIFTY");
        assertThat(cache.index()).isSameAs(served);
        assertThat(cache.expiries("NIFTY")).containsExactly(DEC_08, DEC_15);
    }

    @Test
    void aListThatBrokeOffBetweenRowsIsRefused() {
        source.list(listing(NIFTY, List.of(DEC_08), 25800, 25900, 50),
                listing(BANKNIFTY, List.of(LocalDate.of(2026, 12, 29)), 59000, 60000, 100));

        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).isEqualTo(
                "the instrument list has 6 live NIFTY options against 36 served now: a truncated download?");
    }

    @Test
    void anUnchangedListChangesNothingAndPublishesNothing() {
        InstrumentIndex served = cache.index();

        ReloadResult result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.legsKept()).isEqualTo(served.size());
        assertThat(cache.index()).isSameAs(served);
        assertThat(events).isEmpty();
        assertThat(reloader.count(Outcome.UNCHANGED)).isEqualTo(1);
    }

    private Leg leg(LocalDate expiry, int strike, OptionType type) {
        Leg leg = cache.index().find(2, id(expiry, strike, type));
        assertThat(leg).as("%s %s %s", expiry, strike, type).isNotNull();
        return leg;
    }
}
