package com.livechain.simulator.market;

import com.livechain.simulator.SimulatorProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.livechain.market.ExchangeCalendar;
import com.livechain.market.MarketHours;

public class SimulatedMarketTest {

    /** Thursday 26 Nov 2026, 10:30 IST: a SENSEX weekly and monthly expiry day, before the close. */
    public static final Instant THURSDAY_MORNING = Instant.parse("2026-11-26T05:00:00Z");
    /** The same Thursday at 16:00 IST, after the close. */
    static final Instant THURSDAY_EVENING = Instant.parse("2026-11-26T10:30:00Z");

    private static final ExchangeCalendar EXCHANGE = ExchangeCalendar.shipped();

    private static SimulatedMarket market(long seed, Instant start) {
        SimulatorProperties properties = SimulatorProperties.builder().seed(seed).realTime(false).build();
        return new SimulatedMarket(IndexSpec.DEFAULTS, seed, start, properties);
    }

    @Test
    void sameSeedAndStartGiveTheSameMarketTickForTick() {
        SimulatedMarket a = market(7, THURSDAY_MORNING);
        SimulatedMarket b = market(7, THURSDAY_MORNING);
        a.step(Duration.ofSeconds(30));
        b.step(Duration.ofSeconds(30));
        LocalDate expiry = a.expiries("NIFTY").get(0);
        assertThat(a.lastPrice("NIFTY")).isEqualTo(b.lastPrice("NIFTY"));
        assertThat(a.chain("NIFTY", expiry)).isEqualTo(b.chain("NIFTY", expiry));
        assertThat(a.chain("SENSEX", a.expiries("SENSEX").get(1))).isEqualTo(b.chain("SENSEX", b.expiries("SENSEX").get(1)));

        SimulatedMarket other = market(8, THURSDAY_MORNING);
        other.step(Duration.ofSeconds(30));
        assertThat(other.lastPrice("NIFTY")).isNotEqualTo(a.lastPrice("NIFTY"));
    }

    @Test
    void stepMovesVirtualTimeAndTheIndices() {
        SimulatedMarket market = market(1, THURSDAY_MORNING);
        double before = market.lastPrice("BANKNIFTY");
        market.step(Duration.ofSeconds(10));
        assertThat(market.now()).isEqualTo(THURSDAY_MORNING.plusSeconds(10));
        assertThat(market.ticks()).isEqualTo(10L * SimulatorProperties.DEFAULT_TICKS_PER_SECOND);
        assertThat(market.lastPrice("BANKNIFTY")).isNotEqualTo(before).isCloseTo(before, within(before * 0.01));
    }

    @Test
    void indicesStartNearTheirLevels() {
        SimulatedMarket market = market(3, THURSDAY_MORNING);
        for (IndexSpec spec : IndexSpec.DEFAULTS) {
            assertThat(market.lastPrice(spec.symbol())).as(spec.symbol()).isCloseTo(spec.spot(), within(spec.spot() * 0.03));
        }
    }

    @Test
    void niftyListsFourWeekliesThreeMonthliesThreeQuarterliesAndEightHalfYearliesOnTuesdaysOrTheDayBefore() {
        // NSE's contract specification: 4 weeklies besides the monthlies (29 Dec is the December monthly), 3
        // monthlies, 3 quarterlies, then 8 long-dated half-yearlies (June and December). The January monthly,
        // Tuesday 26 Jan 2027, is Republic Day: it expires on Monday 25 Jan.
        SimulatedMarket market = market(1, THURSDAY_MORNING);
        List<LocalDate> expiries = market.expiries("NIFTY");
        assertThat(expiries).containsExactly(
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 15),
                LocalDate.of(2026, 12, 22), LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 25),
                LocalDate.of(2027, 2, 23), LocalDate.of(2027, 3, 30), LocalDate.of(2027, 6, 29),
                LocalDate.of(2027, 9, 28), LocalDate.of(2027, 12, 28), LocalDate.of(2028, 6, 27),
                LocalDate.of(2028, 12, 26), LocalDate.of(2029, 6, 26), LocalDate.of(2029, 12, 25),
                LocalDate.of(2030, 6, 25), LocalDate.of(2030, 12, 31), LocalDate.of(2031, 6, 24));
        assertThat(expiries).filteredOn(d -> d.getDayOfWeek() != DayOfWeek.TUESDAY)
                .containsExactly(LocalDate.of(2027, 1, 25));
        // Long-dated strikes are twice as far apart.
        List<SimulatedChain.Strike> longDated = market.chain("NIFTY", LocalDate.of(2031, 6, 24)).strikes();
        assertThat(longDated.get(1).strike() - longDated.get(0).strike()).isEqualTo(100);
    }

    @Test
    void theNearListingKeepsOnlyWeekliesAndMonthlies() {
        SimulatorProperties properties = SimulatorProperties.builder().seed(1L).realTime(false)
                .listing(SimulatorProperties.Listing.NEAR).build();
        SimulatedMarket near = new SimulatedMarket(
                IndexSpec.DEFAULTS.stream().map(properties.listing()::apply).toList(), 1, THURSDAY_MORNING, properties);

        assertThat(near.expiries("NIFTY")).hasSize(7).last().isEqualTo(LocalDate.of(2027, 2, 23));
        assertThat(near.expiries("BANKNIFTY")).hasSize(3);
        assertThat(near.optionCount()).isBetween(12_000, market(1, THURSDAY_MORNING).optionCount() - 8_000);
    }

    @Test
    void sameDayExpiryIsListedUntilTheCloseAndGoneAfterIt() {
        LocalDate today = LocalDate.of(2026, 11, 26);
        assertThat(market(1, THURSDAY_MORNING).expiries("SENSEX")).first().isEqualTo(today);
        assertThat(market(1, THURSDAY_MORNING).expiries("BANKEX")).first().isEqualTo(today);
        assertThat(market(1, THURSDAY_EVENING).expiries("SENSEX")).doesNotContain(today)
                .first().isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(market(1, THURSDAY_EVENING).expiries("BANKEX")).containsExactly(
                LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 28), LocalDate.of(2027, 2, 25));
    }

    @Test
    void everyExpiryIsInTheFutureOnItsWeekdayAndMonthliesAreTheLastOfTheMonth() {
        // Today, whatever day the tests run.
        Instant now = Instant.now();
        SimulatedMarket market = market(11, now);
        for (IndexSpec spec : IndexSpec.DEFAULTS) {
            List<LocalDate> expiries = market.expiries(spec.symbol());
            int expected = spec.weeklies() + spec.monthlies() + spec.quarterlies() + spec.halfYearlies();
            assertThat(expiries).as(spec.symbol()).hasSize(expected).isSorted();
            for (LocalDate expiry : expiries) {
                assertThat(MarketHours.expiryClose(expiry)).as(spec.symbol() + " " + expiry).isAfter(now);
                // On its weekday, or the trading day before when that is a holiday.
                LocalDate scheduled = expiry.with(TemporalAdjusters.nextOrSame(spec.monthlyDay()));
                assertThat(EXCHANGE.expiryFor(scheduled)).as(spec.symbol() + " " + expiry).isEqualTo(expiry);
                if (spec.weeklyDay() == null) {
                    assertThat(expiry).isEqualTo(EXCHANGE.expiryFor(
                            ExpiryCalendar.lastWeekday(YearMonth.from(scheduled), spec.monthlyDay())));
                }
            }
        }
    }

    @Test
    void anExpiryScheduledOnAHolidayIsListedOnThePreviousTradingDayAsTheExchangesDid2026() {
        // Thursday 26 Feb 2026: NIFTY's 3 Mar weekly falls on Holi and its March monthly, 31 Mar, on Mahavir
        // Jayanti; SENSEX's March monthly, 26 Mar, on Ram Navami (protocol §12's table).
        SimulatedMarket market = market(1, Instant.parse("2026-02-26T05:00:00Z"));

        assertThat(market.expiries("NIFTY")).startsWith(
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 17),
                LocalDate.of(2026, 3, 24), LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 28),
                LocalDate.of(2026, 5, 26));
        assertThat(market.expiries("SENSEX")).contains(LocalDate.of(2026, 3, 25))
                .doesNotContain(LocalDate.of(2026, 3, 26));
        SimulatedMarket april = market(1, Instant.parse("2026-04-07T05:00:00Z"));
        assertThat(april.expiries("NIFTY")).contains(LocalDate.of(2026, 4, 13)).doesNotContain(LocalDate.of(2026, 4, 14));
    }

    @Test
    void universeHasTensOfThousandsOfContractsWithUniqueIds() {
        SimulatedMarket market = market(1, THURSDAY_MORNING);
        // Tens of thousands, as NSE and BSE list them, yet within Dhan's allowance of 5 connections x 5000
        // instruments (with the six indices), so the simulated feed streams every leg.
        assertThat(market.optionCount()).isBetween(20_000, 25_000 - IndexSpec.DEFAULTS.size());
        Set<Long> ids = new HashSet<>();
        for (String symbol : market.symbols()) {
            for (LocalDate expiry : market.expiries(symbol)) {
                for (SimulatedChain.Strike strike : market.chain(symbol, expiry).strikes()) {
                    assertThat(ids.add(strike.ce().securityId())).isTrue();
                    assertThat(ids.add(strike.pe().securityId())).isTrue();
                }
            }
        }
        assertThat(ids).hasSize(market.optionCount());
    }

    @Test
    void niftyWeeklyAtTheMoneyPremiumIsSensible() {
        SimulatedMarket market = market(5, THURSDAY_MORNING);
        market.step(Duration.ofSeconds(5));
        LocalDate weekly = market.expiries("NIFTY").get(0);
        SimulatedChain chain = market.chain("NIFTY", weekly);
        SimulatedChain.Strike atm = nearest(chain);
        // Five days and five hours to a Tuesday close at 12-16% vol: about 0.4 * S * vol * sqrt(T) = 130-200.
        assertThat(atm.ce().lastPrice()).isBetween(90.0, 280.0);
        assertThat(atm.pe().lastPrice()).isBetween(90.0, 280.0);
        assertThat(atm.ce().impliedVolatility()).isBetween(11.0, 17.0);
        assertThat(atm.ce().delta()).isBetween(0.4, 0.65);
        assertThat(atm.pe().delta()).isBetween(-0.6, -0.35);
        assertThat(atm.ce().theta()).isNegative();
        assertThat(atm.ce().gamma()).isPositive();
        assertThat(atm.ce().vega()).isPositive();
    }

    @Test
    void midcapSmileSitsAboveNifty() {
        SimulatedMarket market = market(5, THURSDAY_MORNING);
        SimulatedChain.Strike nifty = nearest(market.chain("NIFTY", market.expiries("NIFTY").get(4)));
        SimulatedChain.Strike midcap = nearest(market.chain("MIDCPNIFTY", market.expiries("MIDCPNIFTY").get(0)));
        assertThat(midcap.ce().impliedVolatility()).isGreaterThan(nifty.ce().impliedVolatility() + 2);
    }

    @Test
    void putCallParityHoldsWithinTheSpreadsAtTheOpen() {
        SimulatedMarket market = market(9, THURSDAY_MORNING);
        // Every quote was made at the current level: mid-quotes satisfy parity up to half the spreads.
        assertParity(market, 0);
    }

    @Test
    void putCallParityHoldsOnLastPricesAsTheMarketMoves() {
        SimulatedMarket market = market(9, THURSDAY_MORNING);
        market.step(Duration.ofSeconds(20));
        // Quotes of legs not traded since the index moved lag it, as on an exchange: allow 0.3% of drift.
        assertParity(market, 0.003);
    }

    private static void assertParity(SimulatedMarket market, double drift) {
        for (String symbol : List.of("NIFTY", "BANKNIFTY", "SENSEX", "MIDCPNIFTY")) {
            LocalDate expiry = market.expiries(symbol).get(1);
            SimulatedChain chain = market.chain(symbol, expiry);
            double spot = chain.lastPrice();
            double years = Duration.between(market.now(), MarketHours.expiryClose(expiry)).toMillis() / 1000.0
                    / (365 * 86400.0);
            double discount = Math.exp(-market.rate() * years);
            double forward = market.forward(symbol, expiry);
            int checked = 0;
            for (SimulatedChain.Strike s : chain.strikes()) {
                if (Math.abs(s.strike() / spot - 1) > 0.05) {
                    continue;
                }
                double parity = discount * (forward - s.strike());
                double spreads = (s.ce().ask() - s.ce().bid()) + (s.pe().ask() - s.pe().bid());
                double mid = (s.ce().bid() + s.ce().ask()) / 2 - (s.pe().bid() + s.pe().ask()) / 2;
                assertThat(mid).as(symbol + " " + s.strike() + " mid").isCloseTo(parity, within(spreads / 2 + 0.1 + spot * drift));
                double last = s.ce().lastPrice() - s.pe().lastPrice();
                assertThat(last).as(symbol + " " + s.strike() + " last").isCloseTo(parity, within(spreads + 0.1 + spot * drift));
                checked++;
            }
            assertThat(checked).as(symbol).isGreaterThan(20);
        }
    }

    @Test
    void quotesAreOnTheTickWithBidBelowAsk() {
        SimulatedMarket market = market(2, THURSDAY_MORNING);
        market.step(Duration.ofSeconds(3));
        for (String symbol : market.symbols()) {
            for (LocalDate expiry : market.expiries(symbol)) {
                for (SimulatedChain.Strike s : market.chain(symbol, expiry).strikes()) {
                    for (SimulatedChain.Leg leg : List.of(s.ce(), s.pe())) {
                        assertThat(leg.bid()).isGreaterThanOrEqualTo(0.05).isLessThan(leg.ask());
                        assertThat(onTick(leg.bid()) && onTick(leg.ask()) && onTick(leg.lastPrice())).isTrue();
                        assertThat(leg.bidQty()).isPositive();
                        assertThat(leg.oi()).isNotNegative();
                        assertThat(leg.previousClose()).isGreaterThanOrEqualTo(0.05);
                    }
                }
            }
        }
    }

    @Test
    void openInterestPeaksNearTheMoney() {
        SimulatedMarket market = market(4, THURSDAY_MORNING);
        SimulatedChain chain = market.chain("NIFTY", market.expiries("NIFTY").get(0));
        List<SimulatedChain.Strike> strikes = chain.strikes();
        long maxOi = 0;
        int maxStrike = 0;
        for (SimulatedChain.Strike s : strikes) {
            long oi = s.ce().oi() + s.pe().oi();
            if (oi > maxOi) {
                maxOi = oi;
                maxStrike = s.strike();
            }
        }
        assertThat((double) maxStrike).isCloseTo(chain.lastPrice(), within(chain.lastPrice() * 0.03));
        long farOi = strikes.get(0).ce().oi() + strikes.get(0).pe().oi();
        assertThat(maxOi).isGreaterThan(farOi * 5);
    }

    public static SimulatedChain.Strike nearest(SimulatedChain chain) {
        SimulatedChain.Strike best = chain.strikes().get(0);
        for (SimulatedChain.Strike s : chain.strikes()) {
            if (Math.abs(s.strike() - chain.lastPrice()) < Math.abs(best.strike() - chain.lastPrice())) {
                best = s;
            }
        }
        return best;
    }

    private static boolean onTick(double price) {
        return Math.abs(price * 20 - Math.round(price * 20)) < 1e-6;
    }
}
