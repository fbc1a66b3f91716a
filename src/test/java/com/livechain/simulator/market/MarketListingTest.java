package com.livechain.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;
import com.livechain.market.MarketHours;
import com.livechain.simulator.SimulatorProperties;

/** The simulated exchange's listing as time passes and as the index moves: what is added, dropped and kept. */
class MarketListingTest {

    /** Thursday 26 Nov 2026, 10:30 IST. NIFTY lists the weeklies 1, 8, 15, 22 Dec and the monthly 29 Dec. */
    private static final Instant START = SimulatedMarketTest.THURSDAY_MORNING;
    /** Wednesday 2 Dec 2026, 09:00 IST: the day after the 1 Dec weekly expired. */
    private static final Instant NEXT_WEDNESDAY = Instant.parse("2026-12-02T03:30:00Z");

    private static SimulatedMarket market(long seed) {
        SimulatorProperties properties = SimulatorProperties.builder().seed(seed).realTime(false).build();
        return new SimulatedMarket(IndexSpec.DEFAULTS.stream().map(IndexSpec::withoutLongerExpiries).toList(), seed,
                START, properties);
    }

    /** Every listed leg of the index by security id. */
    private static Map<Long, SimLeg> legs(SimulatedMarket market, String symbol) {
        Map<Long, SimLeg> out = new HashMap<>();
        synchronized (market) {
            for (SimExpiry expiry : market.listedExpiries(symbol)) {
                for (int i = 0; i < expiry.strikes.length; i++) {
                    out.put(expiry.calls[i].securityId, expiry.calls[i]);
                    out.put(expiry.puts[i].securityId, expiry.puts[i]);
                }
            }
        }
        return out;
    }

    private static SimExpiry listed(SimulatedMarket market, String symbol, LocalDate date) {
        return market.listedExpiries(symbol).stream().filter(e -> e.date.equals(date)).findFirst().orElseThrow();
    }

    @Test
    void aNewWeekListsTheNextWeeklyAndTheExpiredOneGoesWhenItsDayIsOver() {
        SimulatedMarket market = market(5);
        assertThat(market.expiries("NIFTY")).startsWith(LocalDate.of(2026, 12, 1)).doesNotContain(LocalDate.of(2027, 1, 5));

        // Tuesday 1 Dec after the close: the weekly no longer trades, but is listed until the day ends.
        market.jumpTo(Instant.parse("2026-12-01T10:30:00Z"));
        assertThat(market.expiries("NIFTY")).doesNotContain(LocalDate.of(2026, 12, 1));
        assertThat(market.listedExpiries("NIFTY")).extracting(e -> e.date).contains(LocalDate.of(2026, 12, 1));

        market.jumpTo(NEXT_WEDNESDAY);
        market.step(Duration.ofSeconds(1));
        // Four weeklies besides the 29 Dec monthly again: 5 Jan 2027 is new.
        assertThat(market.expiries("NIFTY")).containsExactly(LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 15),
                LocalDate.of(2026, 12, 22), LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 5),
                LocalDate.of(2027, 1, 25), LocalDate.of(2027, 2, 23));
        assertThat(market.listedExpiries("NIFTY")).extracting(e -> e.date).doesNotContain(LocalDate.of(2026, 12, 1));
        SimExpiry fresh = listed(market, "NIFTY", LocalDate.of(2027, 1, 5));
        assertThat(fresh.flag()).isEqualTo("W");
        synchronized (market) {
            // Strikes around the index as it is now, priced: a quote and a previous close on every leg.
            assertThat(fresh.strikes[0]).isLessThan((int) market.lastPrice("NIFTY"));
            assertThat(fresh.strikes[fresh.strikes.length - 1]).isGreaterThan((int) market.lastPrice("NIFTY"));
            for (SimLeg leg : fresh.calls) {
                assertThat(leg.ltp).isPositive();
                assertThat(leg.askPrice[0]).isPositive();
                assertThat(leg.prevClose).isPositive();
            }
        }
        // SENSEX (Thursday weeklies): 26 Nov expired on the first day; by Wednesday 2 Dec it lists 31 Dec's week.
        assertThat(market.expiries("SENSEX")).doesNotContain(LocalDate.of(2026, 11, 26));
        assertThat(market.optionCount()).isEqualTo(legs(market, "NIFTY").size() + legs(market, "BANKNIFTY").size()
                + legs(market, "FINNIFTY").size() + legs(market, "MIDCPNIFTY").size() + legs(market, "SENSEX").size()
                + legs(market, "BANKEX").size());
    }

    @Test
    void keptLegsKeepTheirIdsAndStateAndIdsAreNeverHandedOutTwice() {
        SimulatedMarket market = market(5);
        Map<Long, SimLeg> before = legs(market, "NIFTY");
        Set<Long> dropped = new HashSet<>();
        synchronized (market) {
            SimExpiry first = listed(market, "NIFTY", LocalDate.of(2026, 12, 1));
            for (SimLeg leg : first.calls) {
                dropped.add(leg.securityId);
            }
        }
        market.jumpTo(NEXT_WEDNESDAY);
        market.step(Duration.ofSeconds(1));
        Map<Long, SimLeg> after = legs(market, "NIFTY");

        long highestBefore = before.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        for (Map.Entry<Long, SimLeg> leg : after.entrySet()) {
            if (before.containsKey(leg.getKey())) {
                assertThat(leg.getValue()).as("kept leg %s", leg.getKey()).isSameAs(before.get(leg.getKey()));
            } else {
                assertThat(leg.getKey()).as("a new leg takes a new id").isGreaterThan(highestBefore);
            }
        }
        assertThat(after.keySet()).doesNotContainAnyElementsOf(dropped);
        synchronized (market) {
            long gone = dropped.iterator().next();
            assertThat(market.find(ExchangeSegment.NSE_FNO, gone)).isNull();
            // Still known by its ordinal, so a feed client can unsubscribe from it.
            assertThat(market.ordinalOf(ExchangeSegment.NSE_FNO, gone)).isEqualTo(before.get(gone).ordinal);
            assertThat(market.instrument(before.get(gone).ordinal)).isNull();
        }
        Set<Integer> ordinals = new HashSet<>();
        for (SimLeg leg : after.values()) {
            assertThat(ordinals.add(leg.ordinal)).isTrue();
            assertThat(market.instrument(leg.ordinal)).isSameAs(leg);
        }
    }

    @Test
    void noIdOfASegmentIsEverHandedOutTwiceAcrossItsIndicesAndFutures() {
        SimulatedMarket market = market(5);
        Map<Long, SimLeg> nseBefore = new HashMap<>();
        Set<Long> futuresBefore = new HashSet<>();
        for (String symbol : List.of("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY")) {
            nseBefore.putAll(legs(market, symbol));
            market.listedExpiries(symbol).stream().filter(e -> e.futureId() != 0)
                    .forEach(e -> futuresBefore.add(e.futureId()));
        }
        long highest = nseBefore.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(futuresBefore).doesNotContainAnyElementsOf(nseBefore.keySet());

        // A week on: weeklies and a monthly expired, new ones listed; and a big move adds strikes.
        market.jumpTo(NEXT_WEDNESDAY);
        market.moveIndex("BANKNIFTY", 9);
        market.step(Duration.ofSeconds(1));
        Set<Long> seen = new HashSet<>();
        for (String symbol : List.of("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY")) {
            for (SimLeg leg : legs(market, symbol).values()) {
                assertThat(seen.add(leg.securityId)).as("id %s once", leg.securityId).isTrue();
                synchronized (market) {
                    assertThat(market.find(ExchangeSegment.NSE_FNO, leg.securityId)).isSameAs(leg);
                }
                if (!nseBefore.containsKey(leg.securityId)) {
                    assertThat(leg.securityId).as("a new id").isGreaterThan(highest);
                }
            }
            for (SimExpiry e : market.listedExpiries(symbol)) {
                if (e.futureId() != 0) {
                    assertThat(seen.add(e.futureId())).as("future id %s once", e.futureId()).isTrue();
                }
            }
        }
    }

    @Test
    void anIndexThatMovesFarGetsStrikesListedAroundItAndKeepsTheOldOnes() {
        SimulatedMarket market = market(9);
        LocalDate weekly = LocalDate.of(2026, 12, 8);
        LocalDate monthly = LocalDate.of(2026, 12, 29);
        int[] weeklyBefore;
        int[] monthlyBefore;
        SimLeg kept;
        synchronized (market) {
            weeklyBefore = listed(market, "NIFTY", weekly).strikes.clone();
            monthlyBefore = listed(market, "NIFTY", monthly).strikes.clone();
            kept = listed(market, "NIFTY", weekly).calls[weeklyBefore.length - 1];
        }
        // A 3% move stays inside the listed grids (a weekly's ±15% is re-gridded once the index comes within 10%
        // of an end strike, about a 4.5% move; a monthly's ±25% within 16.7%, about 7%).
        market.moveIndex("NIFTY", 3);
        market.step(Duration.ofMillis(250));
        synchronized (market) {
            assertThat(listed(market, "NIFTY", weekly).strikes).containsExactly(weeklyBefore);
            assertThat(listed(market, "NIFTY", monthly).strikes).containsExactly(monthlyBefore);
        }
        market.moveIndex("NIFTY", 6);
        market.step(Duration.ofMillis(250));
        double level = market.lastPrice("NIFTY");
        synchronized (market) {
            SimExpiry e = listed(market, "NIFTY", weekly);
            assertThat(e.strikes[e.strikes.length - 1]).isGreaterThan(weeklyBefore[weeklyBefore.length - 1])
                    .isGreaterThanOrEqualTo((int) (level * 1.15) - 50);
            assertThat(e.strikes[0]).isEqualTo(weeklyBefore[0]);
            for (int i = 1; i < e.strikes.length; i++) {
                assertThat(e.strikes[i] - e.strikes[i - 1]).isEqualTo(50);
            }
            assertThat(e.calls[weeklyBefore.length - 1]).isSameAs(kept);
            SimLeg added = e.puts[e.strikes.length - 1];
            assertThat(added.strike).isEqualTo(e.strikes[e.strikes.length - 1]);
            assertThat(added.ltp).isPositive();
            assertThat(market.find(ExchangeSegment.NSE_FNO, added.securityId)).isSameAs(added);
            SimExpiry m = listed(market, "NIFTY", monthly);
            assertThat(m.strikes[m.strikes.length - 1]).isGreaterThanOrEqualTo((int) (level * 1.25) - 50);
        }
        // The chain serves the new strikes too.
        assertThat(market.chain("NIFTY", weekly).strikes()).hasSize(listed(market, "NIFTY", weekly).strikes.length);
    }

    @Test
    void aSeedGivesTheSameListingAndPricesAcrossDaysAndMoves() {
        SimulatedMarket a = market(21);
        SimulatedMarket b = market(21);
        for (SimulatedMarket m : List.of(a, b)) {
            m.step(Duration.ofSeconds(5));
            m.moveIndex("NIFTY", -7);
            m.step(Duration.ofSeconds(5));
            m.jumpTo(NEXT_WEDNESDAY);
            m.step(Duration.ofSeconds(5));
        }
        assertThat(a.expiries("NIFTY")).isEqualTo(b.expiries("NIFTY"));
        for (LocalDate expiry : a.expiries("NIFTY")) {
            assertThat(a.chain("NIFTY", expiry)).as("NIFTY %s", expiry).isEqualTo(b.chain("NIFTY", expiry));
        }
        assertThat(legs(a, "NIFTY").keySet()).isEqualTo(legs(b, "NIFTY").keySet());
    }

    @Test
    void listingAndDelistingByHand() {
        SimulatedMarket market = market(5);
        // After the 22 Dec weekly comes the 29 Dec monthly: the next weekly to list is 5 Jan.
        assertThat(market.nextExpiryToList("NIFTY")).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(market.nextExpiryToList("BANKNIFTY")).isEqualTo(LocalDate.of(2027, 3, 30));
        long version = market.listingVersion();
        SimExpiry listed = market.listExpiry("NIFTY", LocalDate.of(2027, 1, 5), ExpiryCalendar.Kind.WEEKLY);
        assertThat(market.listingVersion()).isGreaterThan(version);
        assertThat(market.expiries("NIFTY")).contains(LocalDate.of(2027, 1, 5));
        assertThat(market.chain("NIFTY", LocalDate.of(2027, 1, 5)).strikes()).hasSize(listed.strikes.length);
        assertThat(market.nextExpiryToList("NIFTY")).isEqualTo(LocalDate.of(2027, 1, 12));
        assertThatThrownBy(() -> market.listExpiry("NIFTY", LocalDate.of(2027, 1, 5), ExpiryCalendar.Kind.WEEKLY))
                .hasMessageContaining("already lists 2027-01-05");
        assertThatThrownBy(() -> market.listExpiry("NIFTY", LocalDate.of(2026, 11, 24), ExpiryCalendar.Kind.WEEKLY))
                .hasMessageContaining("closed already");

        int legs = 2 * listed(market, "NIFTY", LocalDate.of(2026, 12, 8)).strikes.length;
        assertThat(market.delistExpiry("NIFTY", LocalDate.of(2026, 12, 8))).isEqualTo(legs);
        assertThat(market.expiries("NIFTY")).doesNotContain(LocalDate.of(2026, 12, 8));
        assertThat(market.chain("NIFTY", LocalDate.of(2026, 12, 8))).isNull();
        // The next day's listing does not bring a contract delisted by hand back.
        market.jumpTo(Instant.parse("2026-11-27T03:30:00Z"));
        assertThat(market.expiries("NIFTY")).doesNotContain(LocalDate.of(2026, 12, 8));
        assertThatThrownBy(() -> market.delistExpiry("NIFTY", LocalDate.of(2026, 12, 8)))
                .hasMessageContaining("does not list 2026-12-08");

        int strikes = listed(market, "NIFTY", LocalDate.of(2026, 12, 15)).strikes.length;
        assertThat(market.listStrikes("NIFTY", LocalDate.of(2026, 12, 15), 3)).isEqualTo(12);
        assertThat(listed(market, "NIFTY", LocalDate.of(2026, 12, 15)).strikes).hasSize(strikes + 6);
    }

    @Test
    void theDayBoundaryIsIstMidnight() {
        SimulatedMarket market = market(5);
        // 23:59:59 IST on Tuesday 1 Dec: still that day, the weekly is listed (closed).
        market.jumpTo(LocalDate.of(2026, 12, 1).atTime(23, 59, 59).atZone(MarketHours.IST).toInstant());
        assertThat(market.listedExpiries("NIFTY")).extracting(e -> e.date).contains(LocalDate.of(2026, 12, 1));
        market.step(Duration.ofSeconds(1));
        assertThat(market.listedExpiries("NIFTY")).extracting(e -> e.date).doesNotContain(LocalDate.of(2026, 12, 1));
        assertThat(market.expiries("NIFTY")).contains(LocalDate.of(2027, 1, 5));
    }
}
