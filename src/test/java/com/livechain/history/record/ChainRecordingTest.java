package com.livechain.history.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.MutableClock;
import com.livechain.analytics.Black76;
import com.livechain.analytics.ExpiryClock;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.SnapshotLeg;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.Underlying;
import com.livechain.chain.UnderlyingRef;
import com.livechain.history.store.ExpiryPoint;
import com.livechain.history.store.HistoryBatch;
import com.livechain.history.store.Origin;
import com.livechain.history.store.StrikePoint;

/**
 * The rows of one interval, from a chain priced by Black-76 at 14% on a forward of 26080, so every figure is
 * known in advance: which rows exist, and each value rounded and nulled as {@code /options/live} shows it.
 */
class ChainRecordingTest {

    static final double RATE = 0.10;
    static final double VOL = 0.14;
    static final double FORWARD = 26_080;
    // Wednesday 2 December 2026, 10:00 IST.
    static final Instant NOW = Instant.parse("2026-12-02T04:30:00Z");
    static final Instant T = NOW;
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 8);
    static final LocalDate NEXT_WEEKLY = LocalDate.of(2026, 12, 15);
    static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);

    private final MutableClock clock = new MutableClock(NOW);
    private final ChainCache cache = new ChainCache(clock);
    private long nextId = 1000;

    private Underlying underlying(String symbol, long id, double spot) {
        Leg leg = new Leg(id, ExchangeSegment.IDX_I);
        if (!Double.isNaN(spot)) {
            leg.applySnapshotPrice(spot, NOW.toEpochMilli());
        }
        return new Underlying(new UnderlyingRef(symbol, id, ExchangeSegment.IDX_I), leg, 75, BigDecimal.valueOf(50));
    }

    /** Strikes 25000..27000 every 50, both legs priced at VOL with a spread of 0.10 around the model price. */
    private OptionChain chain(Underlying underlying, LocalDate expiry) {
        double years = ExpiryClock.yearsToExpiry(NOW, expiry);
        List<StrikeRow> rows = new ArrayList<>();
        for (int k = 25_000; k <= 27_000; k += 50) {
            rows.add(new StrikeRow(BigDecimal.valueOf(k), priced(k, OptionType.CE, years), priced(k, OptionType.PE, years)));
        }
        return new OptionChain(underlying, expiry, rows);
    }

    private Leg priced(int strike, OptionType type, double years) {
        Leg leg = new Leg(nextId++, ExchangeSegment.NSE_FNO);
        double price = Black76.price(type == OptionType.CE, FORWARD, strike, years, RATE, VOL);
        leg.applySnapshot(new SnapshotLeg(BigDecimal.valueOf(strike), type, leg.securityId(), price, price * 0.9,
                1_000L * strike / 50, 900L * strike / 50, 5_000, price - 0.05, 750, price + 0.05, 300), NOW.toEpochMilli());
        return leg;
    }

    private HistoryBatch record(Underlying... underlyings) {
        List<OptionChain> chains = new ArrayList<>();
        for (Underlying u : underlyings) {
            for (LocalDate expiry : List.of(WEEKLY, NEXT_WEEKLY, MONTHLY)) {
                chains.add(chain(u, expiry));
            }
        }
        cache.install(MarketSource.SIMULATED, List.of(underlyings), chains, InstrumentIndex.EMPTY);
        return new ChainRecording(RATE).record(cache, MarketSource.SIMULATED, T, NOW.toEpochMilli());
    }

    @Test
    void everyExpiryGetsItsFiguresRoundedAsTheChainShowsThem() {
        HistoryBatch batch = record(underlying("NIFTY", 13, 26_012.345));

        assertThat(batch.expiries()).extracting(ExpiryPoint::expiry).containsExactly(WEEKLY, NEXT_WEEKLY, MONTHLY);
        ExpiryPoint weekly = batch.expiries().get(0);
        assertThat(weekly.t()).isEqualTo(T);
        assertThat(weekly.spot()).isEqualTo(26_012.35);
        assertThat(weekly.atmStrike()).isEqualTo(26_000.0);
        // Priced at 14% on 26080 with symmetric quotes: the parity forward and the ATM IV are the model's.
        assertThat(weekly.forward()).isCloseTo(FORWARD, within(0.01));
        assertThat(weekly.atmIv()).isEqualTo(14.0);
        double years = ExpiryClock.yearsToExpiry(NOW, WEEKLY);
        double straddle = Black76.price(true, FORWARD, 26_000, years, RATE, VOL) + Black76.price(false, FORWARD, 26_000, years, RATE, VOL);
        assertThat(weekly.straddle()).isEqualTo(Math.round(straddle * 100) / 100.0);
        // OI 1000 x strike/50 per leg on 41 strikes, the same for calls and puts: PCR 1.
        long total = 0;
        for (int k = 25_000; k <= 27_000; k += 50) {
            total += 1_000L * k / 50;
        }
        assertThat(weekly.totalCeOi()).isEqualTo(total);
        assertThat(weekly.totalPeOi()).isEqualTo(total);
        assertThat(weekly.pcr()).isEqualTo(1.0);
        assertThat(weekly.maxPain()).isNotNull();
    }

    @Test
    void theTwoNearestExpiriesRecordFifteenStrikesEachSideOfTheMoney() {
        HistoryBatch batch = record(underlying("NIFTY", 13, 26_012.345));

        assertThat(batch.strikes()).extracting(StrikePoint::expiry).containsOnly(WEEKLY, NEXT_WEEKLY);
        List<Double> weekly = batch.strikes().stream().filter(s -> s.expiry().equals(WEEKLY)).map(StrikePoint::strike).toList();
        assertThat(weekly).hasSize(31).first().isEqualTo(25_250.0);
        assertThat(weekly).last().isEqualTo(26_750.0);
        StrikePoint atm = batch.strikes().stream().filter(s -> s.expiry().equals(WEEKLY) && s.strike() == 26_000).findFirst().orElseThrow();
        double price = Black76.price(true, FORWARD, 26_000, ExpiryClock.yearsToExpiry(NOW, WEEKLY), RATE, VOL);
        assertThat(atm.ce().ltp()).isEqualTo(Math.round(price * 100) / 100.0);
        assertThat(atm.ce().bid()).isEqualTo(Math.round((price - 0.05) * 100) / 100.0);
        assertThat(atm.ce().iv()).isEqualTo(14.0);
        assertThat(atm.ce().oi()).isEqualTo(520_000L);
        assertThat(atm.ce().volume()).isEqualTo(5_000L);
    }

    @Test
    void theWindowStopsAtTheEdgeOfTheChain() {
        HistoryBatch batch = record(underlying("NIFTY", 13, 25_020));
        List<Double> weekly = batch.strikes().stream().filter(s -> s.expiry().equals(WEEKLY)).map(StrikePoint::strike).toList();
        assertThat(weekly).hasSize(16).first().isEqualTo(25_000.0);
    }

    @Test
    void todaysIvHistoryValueIsTheMonthlysAtmIvRecorded() {
        HistoryBatch batch = record(underlying("NIFTY", 13, 26_012.345));
        ExpiryPoint monthly = batch.expiries().stream().filter(p -> p.expiry().equals(MONTHLY)).findFirst().orElseThrow();

        assertThat(batch.days()).singleElement().satisfies(day -> {
            assertThat(day.date()).isEqualTo(LocalDate.of(2026, 12, 2));
            assertThat(day.expiry()).as("the nearest monthly 7+ days out, not a weekly").isEqualTo(MONTHLY);
            assertThat(day.atmIv()).isEqualTo(monthly.atmIv());
            assertThat(day.origin()).isEqualTo(Origin.RECORDED);
            assertThat(day.takenAt()).isEqualTo(T);
        });
    }

    @Test
    void anUnderlyingWithoutAPriceRecordsNothingAndLegsNeverPricedAreNull() {
        Underlying nifty = underlying("NIFTY", 13, 26_012.345);
        Underlying bank = underlying("BANKNIFTY", 25, Double.NaN);
        List<OptionChain> chains = new ArrayList<>(List.of(chain(bank, WEEKLY)));
        List<StrikeRow> rows = new ArrayList<>(chain(nifty, WEEKLY).strikes());
        // One strike whose legs never had a tick.
        rows.set(20, new StrikeRow(rows.get(20).strike(), new Leg(1, ExchangeSegment.NSE_FNO), new Leg(2, ExchangeSegment.NSE_FNO)));
        chains.add(new OptionChain(nifty, WEEKLY, rows));
        cache.install(MarketSource.SIMULATED, List.of(nifty, bank), chains, InstrumentIndex.EMPTY);

        HistoryBatch batch = new ChainRecording(RATE).record(cache, MarketSource.SIMULATED, T, NOW.toEpochMilli());

        assertThat(batch.expiries()).extracting(ExpiryPoint::underlying).containsOnly("NIFTY");
        StrikePoint blank = batch.strikes().stream().filter(s -> s.strike() == 26_000).findFirst().orElseThrow();
        assertThat(blank.ce().ltp()).isNull();
        assertThat(blank.ce().bid()).isNull();
        assertThat(blank.ce().iv()).isNull();
        assertThat(blank.ce().oi()).isNull();
        assertThat(blank.pe().volume()).isNull();
        ExpiryPoint point = batch.expiries().get(0);
        assertThat(point.atmIv()).as("no ATM prices, no ATM IV").isNull();
        assertThat(point.straddle()).isNull();
        assertThat(batch.days()).as("no monthly listed: no IV-history value").isEmpty();
    }

    @Test
    void roundingIsHalfUpOnTheDecimalShown() {
        assertThat(ChainRecording.price(112.30000305)).isEqualTo(112.3);
        assertThat(ChainRecording.price(0)).isNull();
        assertThat(ChainRecording.finite(0.125, 2)).isEqualTo(0.13);
        assertThat(ChainRecording.finite(Double.NaN, 2)).isNull();
        assertThat(ChainRecording.quantity(-1)).isNull();
    }

}
