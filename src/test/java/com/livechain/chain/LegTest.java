package com.livechain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LegTest {

    @Test
    void newLegHasNoValuesRatherThanZeros() {
        LegSnapshot s = new Leg(40123, ExchangeSegment.NSE_FNO).read();
        assertThat(s.ltp()).isNaN();
        assertThat(s.bid()).isNaN();
        assertThat(s.oi()).isEqualTo(-1);
        assertThat(s.volume()).isEqualTo(-1);
        assertThat(s.updatedAtMillis()).isZero();
        assertThat(s.hasPrice()).isFalse();
        assertThat(s.oiChange()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void fullPacketWritesEveryFieldItCarries() {
        Leg leg = new Leg(40123, ExchangeSegment.NSE_FNO);
        leg.applyPreviousClose(98.2, 5_311_800);
        leg.applyFull(112.5, 1_764_149_462L, 1_200_345, 5_432_100, 112.3, 750, 112.6, 300, 1_000L);
        LegSnapshot s = leg.read();
        assertThat(s.ltp()).isEqualTo(112.5);
        assertThat(s.bid()).isEqualTo(112.3);
        assertThat(s.ask()).isEqualTo(112.6);
        assertThat(s.bidQty()).isEqualTo(750);
        assertThat(s.askQty()).isEqualTo(300);
        assertThat(s.volume()).isEqualTo(1_200_345);
        assertThat(s.oi()).isEqualTo(5_432_100);
        assertThat(s.oiChange()).isEqualTo(120_300);
        assertThat(s.prevClose()).isEqualTo(98.2);
        assertThat(s.lastTradeTime()).isEqualTo(1_764_149_462L);
        assertThat(s.updatedAtMillis()).isEqualTo(1_000L);
    }

    @Test
    void previousCloseDoesNotMakeTheLegFresh() {
        Leg leg = new Leg(13, ExchangeSegment.IDX_I);
        leg.applyPreviousClose(24400.1, -1);
        assertThat(leg.read().updatedAtMillis()).isZero();
    }

    @Test
    void snapshotFillsOnlyALegThatHasHadNoTick() {
        Leg leg = new Leg(40123, ExchangeSegment.NSE_FNO);
        SnapshotLeg snapshot = new SnapshotLeg(BigDecimal.valueOf(24500), OptionType.CE, 40123,
                100, 98, 10, 9, 5, 99.9, 75, 100.1, 150);
        leg.applyTicker(101.5, 1L, 5_000L);
        assertThat(leg.applySnapshot(snapshot, 6_000L)).isFalse();
        assertThat(leg.read().ltp()).isEqualTo(101.5);

        Leg fresh = new Leg(40124, ExchangeSegment.NSE_FNO);
        assertThat(fresh.applySnapshot(snapshot, 6_000L)).isTrue();
        assertThat(fresh.read().ltp()).isEqualTo(100);
        assertThat(fresh.read().askQty()).isEqualTo(150);
    }

    /**
     * A writer keeps bid, ask, volume and OI equal to one counter within each update; any read that
     * mixes two updates shows unequal fields. Bounded: a fixed number of writes.
     */
    @Test
    void readersNeverSeeHalfAnUpdate() throws InterruptedException {
        Leg leg = new Leg(1, ExchangeSegment.NSE_FNO);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong torn = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                LegSnapshot s = leg.read();
                reads.incrementAndGet();
                if (s.updatedAtMillis() != 0
                        && (s.bid() != s.ask() || s.volume() != s.oi() || s.bidQty() != s.askQty()
                        || s.ltp() != s.bid() || s.volume() != s.updatedAtMillis())) {
                    torn.incrementAndGet();
                }
            }
        });
        reader.start();
        for (long i = 1; i <= 2_000_000; i++) {
            leg.applyFull(i, i, i, i, i, i, i, i, i);
        }
        done.set(true);
        reader.join();
        assertThat(reads.get()).isPositive();
        assertThat(torn.get()).isZero();
    }

    /** The feed and the snapshot seeder writing one leg at once must neither tear it nor wedge its counter. */
    @Test
    void twoWritersAtOnceLeaveTheLegConsistentAndReadable() throws InterruptedException {
        Leg leg = new Leg(1, ExchangeSegment.NSE_FNO);
        Thread other = new Thread(() -> {
            for (long i = 1; i <= 500_000; i++) {
                leg.applyFull(-i, -i, -i, -i, -i, -i, -i, -i, 1);
            }
        });
        other.start();
        for (long i = 1; i <= 500_000; i++) {
            leg.applyFull(i, i, i, i, i, i, i, i, 1);
        }
        other.join();
        assertThat(leg.version() % 2).isZero();
        assertThat(leg.version()).isEqualTo(2L * 1_000_000);
        LegSnapshot s = leg.read();
        assertThat(s.bid()).isEqualTo(s.ask()).isEqualTo(s.ltp());
    }
}
