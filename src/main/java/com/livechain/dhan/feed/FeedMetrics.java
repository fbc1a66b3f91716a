package com.livechain.dhan.feed;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The feed's counters. Decoding threads bump primitive adders (one per OkHttp reader thread, so
 * {@link LongAdder} rather than a contended atomic); Micrometer reads them through
 * {@link FunctionCounter}s registered once, so counting a packet allocates nothing and builds no tag.
 *
 * <p>Prometheus names: {@code livechain_feed_packets_total{code}}, {@code livechain_feed_malformed_packets_total{reason}},
 * {@code livechain_feed_ticks_applied_total}, {@code livechain_feed_unknown_instruments_total},
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

    private final LongAdder[] packetsByCode = new LongAdder[51];
    private final LongAdder[] malformed = new LongAdder[Malformed.values().length];
    private final LongAdder ticksApplied = new LongAdder();
    private final LongAdder unknownInstruments = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private volatile MeterRegistry registry;

    public FeedMetrics() {
        for (int code : KNOWN_CODES) {
            packetsByCode[code] = new LongAdder();
        }
        for (int i = 0; i < malformed.length; i++) {
            malformed[i] = new LongAdder();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (int code : KNOWN_CODES) {
            FunctionCounter.builder("livechain.feed.packets", packetsByCode[code], LongAdder::doubleValue)
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
        FunctionCounter.builder("livechain.feed.ticks.applied", ticksApplied, LongAdder::doubleValue)
                .description("Packets applied to a slot of the chain")
                .register(registry);
        FunctionCounter.builder("livechain.feed.unknown.instruments", unknownInstruments, LongAdder::doubleValue)
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

    void packet(int code) {
        packetsByCode[code].increment();
    }

    void countMalformed(Malformed reason) {
        malformed[reason.ordinal()].increment();
    }

    void applied(boolean known) {
        (known ? ticksApplied : unknownInstruments).increment();
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
        return code >= 0 && code < packetsByCode.length && packetsByCode[code] != null ? packetsByCode[code].sum() : 0;
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
        return ticksApplied.sum();
    }

    public long unknownInstruments() {
        return unknownInstruments.sum();
    }

    public long reconnects() {
        return reconnects.sum();
    }

    public long stalls() {
        return stalls.sum();
    }
}
