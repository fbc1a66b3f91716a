package com.livechain.dhan.feed;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The feed's counters. Each decoder counts its packets in its own {@link Tally}, written by its one
 * thread with plain (opaque) stores: no atomic read-modify-write per packet, which cost more than
 * the decode itself (docs/performance.md). Micrometer reads the sums through {@link FunctionCounter}s
 * registered once, so counting a packet allocates nothing and builds no tag. A finished decoder's
 * tally is folded into the retired totals under the same lock the readers take, so a counter never
 * goes down. Rare events (malformed packets, reconnects, stalls) use {@link LongAdder}s.
 *
 * <p>Prometheus names: {@code livechain_feed_packets_total{code}}, {@code livechain_feed_malformed_packets_total{reason}},
 * {@code livechain_feed_unknown_instruments_total},
 * {@code livechain_feed_reconnects_total}, {@code livechain_feed_stalls_total},
 * {@code livechain_feed_disconnects_total{code}}.
 */
public final class FeedMetrics implements MeterBinder {

    /** Why a packet was skipped. The tag value is the lower-case name. */
    public enum Malformed {
        /** Fewer than the 8 header bytes left in the frame. */
        SHORT_HEADER,
        /** The header's length field is below 8, the header's own size: the rest of the frame cannot be framed. */
        LENGTH_BELOW_HEADER,
        /** The header's length field runs past the end of the frame (a truncated packet, or garbage). */
        PAST_FRAME_END,
        /** The length field is not the documented length for the packet's code. */
        LENGTH_MISMATCH,
        /** A response code the protocol does not define. */
        UNKNOWN_CODE;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** Response codes the protocol defines (§3.5); each gets its own {@code code} tag. */
    static final int[] KNOWN_CODES = {1, 2, 3, 4, 5, 6, 7, 8, 50};

    /** Tally slots: packets by response code at [code], then applied and unknown-instrument packets. */
    static final int APPLIED = 51;
    static final int UNKNOWN = 52;
    private static final int SLOTS = 53;

    /** Counts of finished decoders and of {@link #packet}/{@link #applied(boolean)}; guarded by {@code this}. */
    private final long[] retired = new long[SLOTS];
    /** Tallies of decoders still decoding; guarded by {@code this}. */
    private final List<Tally> live = new ArrayList<>();
    private final LongAdder[] malformed = new LongAdder[Malformed.values().length];
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private volatile MeterRegistry registry;

    public FeedMetrics() {
        for (int i = 0; i < malformed.length; i++) {
            malformed[i] = new LongAdder();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (int code : KNOWN_CODES) {
            FunctionCounter.builder("livechain.feed.packets", this, m -> m.packets(code))
                    .description("Feed packets decoded, by response code")
                    .tag("code", Integer.toString(code))
                    .register(registry);
        }
        for (Malformed reason : Malformed.values()) {
            FunctionCounter.builder("livechain.feed.malformed.packets", malformed[reason.ordinal()],
                            LongAdder::doubleValue)
                    .description("Feed packets skipped as malformed, by reason")
                    .tag("reason", reason.tag)
                    .register(registry);
        }
        // Packets applied to the chain are exported once, as livechain_ticks_applied_total (ops.ChainMetrics,
        // from TickApplier, the one writer of the chain); ticksApplied() stays for tests of this decoder.
        FunctionCounter.builder("livechain.feed.unknown.instruments", this, FeedMetrics::unknownInstruments)
                .description("Packets for an instrument the chain does not hold")
                .register(registry);
        FunctionCounter.builder("livechain.feed.reconnects", reconnects, LongAdder::doubleValue)
                .description("Connection attempts after the first, on any feed connection")
                .register(registry);
        FunctionCounter.builder("livechain.feed.stalls", stalls, LongAdder::doubleValue)
                .description("Subscribed connections that went silent past livechain.feed.stall-after")
                .register(registry);
        this.registry = registry;
    }

    /** A new decoder's tally, counted from now on until {@link #retire}. */
    synchronized Tally tally() {
        Tally tally = new Tally();
        live.add(tally);
        return tally;
    }

    /** Folds a finished decoder's tally into the retired totals; it must not count after this. */
    synchronized void retire(Tally tally) {
        if (live.remove(tally)) {
            for (int slot = 0; slot < SLOTS; slot++) {
                retired[slot] += tally.get(slot);
            }
        }
    }

    private synchronized long sum(int slot) {
        long n = retired[slot];
        for (Tally tally : live) {
            n += tally.get(slot);
        }
        return n;
    }

    synchronized void packet(int code) {
        retired[code]++;
    }

    void countMalformed(Malformed reason) {
        malformed[reason.ordinal()].increment();
    }

    synchronized void applied(boolean known) {
        retired[known ? APPLIED : UNKNOWN]++;
    }

    void reconnect() {
        reconnects.increment();
    }

    void stall() {
        stalls.increment();
    }

    /** A disconnect packet (code 50): rare, so a tagged counter is looked up on the spot. */
    void disconnect(int reasonCode) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder("livechain.feed.disconnects")
                    .description("Feed disconnect packets from Dhan, by reason code")
                    .tag("code", Integer.toString(reasonCode))
                    .register(r)
                    .increment();
        }
    }

    /** Packets decoded with this response code; 0 for a code the protocol does not define. */
    public long packets(int code) {
        for (int known : KNOWN_CODES) {
            if (known == code) {
                return sum(code);
            }
        }
        return 0;
    }

    public long malformed(Malformed reason) {
        return malformed[reason.ordinal()].sum();
    }

    public long malformedTotal() {
        long n = 0;
        for (LongAdder a : malformed) {
            n += a.sum();
        }
        return n;
    }

    public long ticksApplied() {
        return sum(APPLIED);
    }

    public long unknownInstruments() {
        return sum(UNKNOWN);
    }

    public long reconnects() {
        return reconnects.sum();
    }

    public long stalls() {
        return stalls.sum();
    }

    /**
     * One decoder's counters. Single writer (the decoder's thread): an increment is a plain load and an
     * opaque store, atomic for a 64-bit value and visible to readers without a fence or a lock prefix.
     */
    static final class Tally {
        private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

        private final long[] counts = new long[SLOTS];

        void increment(int slot) {
            SLOT.setOpaque(counts, slot, (long) SLOT.getOpaque(counts, slot) + 1);
        }

        long get(int slot) {
            return (long) SLOT.getOpaque(counts, slot);
        }
    }
}
