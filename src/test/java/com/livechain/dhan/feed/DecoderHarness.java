package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.BSE_FNO;
import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.feed.FeedMetrics.Malformed;

import okio.ByteString;

/**
 * The production {@link PacketDecoder} over a small chain, side by side with {@link ReferenceDecoder}: feed
 * both the same bytes, then {@link #mismatches()} lists every counter and every instrument value on which
 * they disagree. The chain holds the ids {@link FuzzFrames} draws from, so random packets hit known and
 * unknown instruments alike.
 */
final class DecoderHarness {

    /** NIFTY on IDX_I, eight NSE_FNO legs, two BSE_FNO legs with ids that also exist on NSE_FNO. */
    static final long[][] UNIVERSE = {
            {IDX_I.code(), 13},
            {NSE_FNO.code(), 40_000}, {NSE_FNO.code(), 40_001}, {NSE_FNO.code(), 40_002}, {NSE_FNO.code(), 40_003},
            {NSE_FNO.code(), 40_004}, {NSE_FNO.code(), 40_005}, {NSE_FNO.code(), 40_006}, {NSE_FNO.code(), 40_007},
            {BSE_FNO.code(), 40_000}, {BSE_FNO.code(), 40_001},
    };

    private static final ReferenceDecoder.State NEVER_UPDATED = new ReferenceDecoder.State();

    private final Map<Long, Leg> legs = new LinkedHashMap<>();
    final FeedMetrics metrics = new FeedMetrics();
    final PacketDecoder decoder;
    final ReferenceDecoder reference;

    DecoderHarness() {
        InstrumentIndex.Builder builder = InstrumentIndex.builder();
        Set<Long> known = new HashSet<>();
        for (long[] instrument : UNIVERSE) {
            int segment = (int) instrument[0];
            long id = instrument[1];
            Leg leg = segment == IDX_I.code() ? builder.underlying(id, IDX_I)
                    : builder.option(id, segment == NSE_FNO.code() ? NSE_FNO : BSE_FNO);
            legs.put(ReferenceDecoder.key(segment, id), leg);
            known.add(ReferenceDecoder.key(segment, id));
        }
        InstrumentIndex index = builder.build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T04:01:02Z"), ZoneOffset.UTC);
        decoder = new PacketDecoder(new TickApplier(() -> index, clock), metrics);
        reference = new ReferenceDecoder(known);
    }

    /**
     * One binary message through both decoders, the production one by its OkHttp entry point (the reused,
     * growing buffer); returns the production decoder's disconnect reason, after checking the two agree on it.
     */
    int decode(byte[] frame) {
        int expected = reference.decode(frame);
        int actual = decoder.decode(ByteString.of(frame));
        if (actual != expected) {
            throw new AssertionError("disconnect reason " + actual + ", the reference says " + expected);
        }
        return actual;
    }

    /** Every disagreement between the production decoder and the reference so far; empty when they agree. */
    List<String> mismatches() {
        ReferenceDecoder.Outcome expected = reference.outcome();
        List<String> out = new ArrayList<>();
        for (int code = 0; code < 256; code++) {
            if (metrics.packets(code) != expected.packets[code]) {
                out.add("packets{code=" + code + "} " + metrics.packets(code) + " != " + expected.packets[code]);
            }
        }
        for (Malformed reason : Malformed.values()) {
            if (metrics.malformed(reason) != expected.malformed.get(reason)) {
                out.add("malformed{" + reason + "} " + metrics.malformed(reason) + " != " + expected.malformed.get(reason));
            }
        }
        if (metrics.ticksApplied() != expected.applied) {
            out.add("applied " + metrics.ticksApplied() + " != " + expected.applied);
        }
        if (metrics.unknownInstruments() != expected.unknown) {
            out.add("unknown instruments " + metrics.unknownInstruments() + " != " + expected.unknown);
        }
        for (Map.Entry<Long, Leg> entry : legs.entrySet()) {
            ReferenceDecoder.State want = expected.states.getOrDefault(entry.getKey(), NEVER_UPDATED);
            LegSnapshot got = entry.getValue().read();
            if (!sameValues(got, want)) {
                String where = "segment " + (entry.getKey() >>> 32) + " id " + (entry.getKey() & 0xFFFF_FFFFL) + ": ";
                same(out, where + "ltp", got.ltp(), want.ltp);
                same(out, where + "prevClose", got.prevClose(), want.prevClose);
                same(out, where + "bid", got.bid(), want.bid);
                same(out, where + "ask", got.ask(), want.ask);
                same(out, where + "bidQty", got.bidQty(), want.bidQty);
                same(out, where + "askQty", got.askQty(), want.askQty);
                same(out, where + "volume", got.volume(), want.volume);
                same(out, where + "oi", got.oi(), want.oi);
                same(out, where + "prevOi", got.prevOi(), want.prevOi);
                same(out, where + "lastTradeTime", got.lastTradeTime(), want.lastTradeTime);
            }
        }
        return out;
    }

    /** The state of every instrument, for comparing two harnesses fed different bytes. */
    Map<Long, LegSnapshot> legStates() {
        Map<Long, LegSnapshot> out = new LinkedHashMap<>();
        legs.forEach((key, leg) -> {
            LegSnapshot s = leg.read();
            // The version counts writes, not values: two routes to the same values differ in it.
            out.put(key, new LegSnapshot(s.securityId(), s.segment(), s.ltp(), s.prevClose(), s.bid(), s.ask(),
                    s.bidQty(), s.askQty(), s.volume(), s.oi(), s.prevOi(), s.lastTradeTime(), s.updatedAtMillis(), 0));
        });
        return out;
    }

    private static boolean sameValues(LegSnapshot got, ReferenceDecoder.State want) {
        return Double.compare(got.ltp(), want.ltp) == 0 && Double.compare(got.prevClose(), want.prevClose) == 0
                && Double.compare(got.bid(), want.bid) == 0 && Double.compare(got.ask(), want.ask) == 0
                && got.bidQty() == want.bidQty && got.askQty() == want.askQty && got.volume() == want.volume
                && got.oi() == want.oi && got.prevOi() == want.prevOi && got.lastTradeTime() == want.lastTradeTime;
    }

    private static void same(List<String> out, String what, double got, double want) {
        // Double.compare: every NaN equals every NaN, and 0.0 differs from -0.0 (a float read must keep its sign).
        if (Double.compare(got, want) != 0) {
            out.add(what + " " + got + " != " + want);
        }
    }

    private static void same(List<String> out, String what, long got, long want) {
        if (got != want) {
            out.add(what + " " + got + " != " + want);
        }
    }
}
