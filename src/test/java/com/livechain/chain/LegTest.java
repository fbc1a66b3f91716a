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
     * mixes two updates shows unequal fields. The writer does not stop at a count of writes but once the
     * reader has seen {@value #OVERLAPPING_READS} reads while it wrote, {@value #CHANGES_SEEN} of them a newer
     * update than the last: however the two threads are scheduled, the reads overlapped the writes.
     */
    @Test
    void readersNeverSeeHalfAnUpdate() throws InterruptedException {
        Leg leg = new Leg(1, ExchangeSegment.NSE_FNO);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong torn = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicLong changesSeen = new AtomicLong();
        Thread reader = new Thread(() -> {
            long last = 0;
            while (!done.get()) {
                LegSnapshot s = leg.read();
                reads.incrementAndGet();
                if (s.updatedAtMillis() != 0
                        && (s.bid() != s.ask() || s.volume() != s.oi() || s.bidQty() != s.askQty()
                        || s.ltp() != s.bid() || s.volume() != s.updatedAtMillis())) {
                    torn.incrementAndGet();
                }
                if (s.updatedAtMillis() != last) {
                    last = s.updatedAtMillis();
                    changesSeen.incrementAndGet();
                }
            }
        });
        reader.start();
        long deadline = System.nanoTime() + BOUND.toNanos();
        long i = 0;
        try {
            while (reads.get() < OVERLAPPING_READS || changesSeen.get() < CHANGES_SEEN) {
                for (int burst = 0; burst < 1_000; burst++) {
                    i++;
                    leg.applyFull(i, i, i, i, i, i, i, i, i);
                }
                assertThat(System.nanoTime()).as("the reader overlapping the writer within %s: %d reads, %d changes"
                        + " seen, %d writes", BOUND, reads.get(), changesSeen.get(), i).isLessThan(deadline);
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(torn.get()).as("torn reads of %d, over %d writes", reads.get(), i).isZero();
    }

    static final long OVERLAPPING_READS = 1_000_000;
    static final long CHANGES_SEEN = 1_000;
    /** Only ends a test whose threads never overlap; a normal run takes well under a second. */
    static final java.time.Duration BOUND = java.time.Duration.ofSeconds(60);

    /**
     * The feed and the snapshot seeder writing one leg at once must neither tear it nor wedge its counter.
     * Each writer keeps going until both have written {@value #WRITES_EACH}, so the one that starts first
     * is still writing while the other does all of its writes.
     */
    @Test
    void twoWritersAtOnceLeaveTheLegConsistentAndReadable() throws InterruptedException {
        Leg leg = new Leg(1, ExchangeSegment.NSE_FNO);
        AtomicLong positive = new AtomicLong();
        AtomicLong negative = new AtomicLong();
        Thread other = new Thread(() -> write(leg, -1, negative, positive));
        other.start();
        write(leg, 1, positive, negative);
        other.join();
        long writes = positive.get() + negative.get();
        assertThat(positive.get()).isGreaterThanOrEqualTo(WRITES_EACH);
        assertThat(negative.get()).isGreaterThanOrEqualTo(WRITES_EACH);
        assertThat(leg.version() % 2).isZero();
        assertThat(leg.version()).isEqualTo(2L * writes);
        LegSnapshot s = leg.read();
        assertThat(s.bid()).isEqualTo(s.ask()).isEqualTo(s.ltp());
    }

    static final long WRITES_EACH = 500_000;

    private static void write(Leg leg, int sign, AtomicLong mine, AtomicLong theirs) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (mine.get() < WRITES_EACH || theirs.get() < WRITES_EACH) {
            long i = mine.incrementAndGet();
            leg.applyFull(sign * i, sign * i, sign * i, sign * i, sign * i, sign * i, sign * i, sign * i, 1);
            if ((i & 0xFFF) == 0 && System.nanoTime() > deadline) {
                throw new AssertionError("the other writer did not write " + WRITES_EACH + " within " + BOUND);
            }
        }
    }
}
