package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.BSE_FNO;
import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;
import static com.livechain.dhan.feed.ProtocolPackets.cut;
import static com.livechain.dhan.feed.ProtocolPackets.disconnect;
import static com.livechain.dhan.feed.ProtocolPackets.frame;
import static com.livechain.dhan.feed.ProtocolPackets.full;
import static com.livechain.dhan.feed.ProtocolPackets.marketStatus;
import static com.livechain.dhan.feed.ProtocolPackets.oi;
import static com.livechain.dhan.feed.ProtocolPackets.prevClose;
import static com.livechain.dhan.feed.ProtocolPackets.quote;
import static com.livechain.dhan.feed.ProtocolPackets.raw;
import static com.livechain.dhan.feed.ProtocolPackets.ticker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.livechain.market.Freshness;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.TickApplier;
import com.livechain.dhan.feed.FeedMetrics.Malformed;

import okio.ByteString;

class PacketDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T04:01:02Z");
    private static final long LTT = 1_795_665_662L;

    private Leg nifty;
    private Leg ce;
    private Leg pe;
    private Leg otherCe;
    private Leg sensexCe;
    private List<Leg> all;
    private FeedMetrics metrics;
    private SimpleMeterRegistry registry;
    private PacketDecoder decoder;
    private Map<Leg, LegSnapshot> before;

    @BeforeEach
    void setUp() {
        InstrumentIndex.Builder builder = InstrumentIndex.builder();
        nifty = builder.underlying(13, IDX_I);
        ce = builder.option(40123, NSE_FNO);
        pe = builder.option(40124, NSE_FNO);
        otherCe = builder.option(40125, NSE_FNO);
        // Same id, other segment: ids are unique only within a segment.
        sensexCe = builder.option(40123, BSE_FNO);
        InstrumentIndex index = builder.build();
        all = List.of(nifty, ce, pe, otherCe, sensexCe);
        Freshness freshness = new Freshness(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
        metrics = new FeedMetrics();
        registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        decoder = new PacketDecoder(new TickApplier(() -> index, Clock.fixed(NOW, ZoneOffset.UTC)), metrics);
        before = snapshot();
    }

    @Test
    void tickerPacketUpdatesLastPriceOfThatOptionOnly() {
        int disconnect = decode(ticker(NSE_FNO, 40123, 112.5f, LTT));

        assertThat(disconnect).isEqualTo(PacketDecoder.NO_DISCONNECT);
        assertThat(changed()).containsExactly(ce);
        LegSnapshot s = ce.read();
        assertThat(s.ltp()).isEqualTo(112.5);
        assertThat(s.lastTradeTime()).isEqualTo(LTT);
        assertThat(s.updatedAtMillis()).isEqualTo(NOW.toEpochMilli());
        assertThat(s.bid()).isNaN();
        assertThat(s.volume()).isEqualTo(-1);
        assertThat(metrics.packets(2)).isEqualTo(1);
        assertThat(metrics.ticksApplied()).isEqualTo(1);
        assertThat(metrics.malformedTotal()).isZero();
        assertThat(counter("livechain.feed.packets", "code", "2")).isEqualTo(1);
    }

    @Test
    void tickerForTheUnderlyingIndexUpdatesTheIndexSlot() {
        decode(ticker(IDX_I, 13, 24512.25f, LTT));

        assertThat(changed()).containsExactly(nifty);
        assertThat(nifty.read().ltp()).isEqualTo(24512.25);
    }

    @Test
    void segmentIsPartOfTheKey() {
        decode(ticker(BSE_FNO, 40123, 301.75f, LTT));

        assertThat(changed()).containsExactly(sensexCe);
        assertThat(sensexCe.read().ltp()).isEqualTo(301.75);
    }

    @Test
    void quotePacketUpdatesPriceTradeTimeAndVolumeButNotTheBook() {
        decode(quote(NSE_FNO, 40124, 98.25f, LTT, 1_200_345));

        assertThat(changed()).containsExactly(pe);
        LegSnapshot s = pe.read();
        assertThat(s.ltp()).isEqualTo(98.25);
        assertThat(s.lastTradeTime()).isEqualTo(LTT);
        assertThat(s.volume()).isEqualTo(1_200_345);
        assertThat(s.bid()).isNaN();
        assertThat(s.oi()).isEqualTo(-1);
        assertThat(metrics.packets(4)).isEqualTo(1);
    }

    @Test
    void oiPacketUpdatesOpenInterestOnly() {
        decode(oi(NSE_FNO, 40123, 5_432_100));

        assertThat(changed()).containsExactly(ce);
        LegSnapshot s = ce.read();
        assertThat(s.oi()).isEqualTo(5_432_100);
        assertThat(s.ltp()).isNaN();
        assertThat(metrics.packets(5)).isEqualTo(1);
    }

    @Test
    void prevClosePacketSetsPreviousCloseAndOiWithoutMakingTheLegFresh() {
        decode(prevClose(NSE_FNO, 40123, 98.5f, 5_311_800));

        assertThat(changed()).containsExactly(ce);
        LegSnapshot s = ce.read();
        assertThat(s.prevClose()).isEqualTo(98.5);
        assertThat(s.prevOi()).isEqualTo(5_311_800);
        assertThat(s.updatedAtMillis()).isZero();
        assertThat(metrics.packets(6)).isEqualTo(1);
    }

    @Test
    void fullPacketUpdatesPriceVolumeOiAndTheBestDepthLevel() {
        decode(full(NSE_FNO, 40124, 112.5f, LTT, 1_200_345, 5_432_100, 112.25f, 750, 112.75f, 300));

        assertThat(changed()).containsExactly(pe);
        LegSnapshot s = pe.read();
        assertThat(s.ltp()).isEqualTo(112.5);
        assertThat(s.lastTradeTime()).isEqualTo(LTT);
        assertThat(s.volume()).isEqualTo(1_200_345);
        assertThat(s.oi()).isEqualTo(5_432_100);
        assertThat(s.bid()).isEqualTo(112.25);
        assertThat(s.bidQty()).isEqualTo(750);
        assertThat(s.ask()).isEqualTo(112.75);
        assertThat(s.askQty()).isEqualTo(300);
        assertThat(metrics.packets(8)).isEqualTo(1);
    }

    @Test
    void quantitiesTimesAndIdsAreReadUnsigned() {
        long volume = 3_000_000_000L;   // above Integer.MAX_VALUE: negative if read signed
        long ltt = 0xF000_0000L;
        long oi = 2_500_000_000L;
        decode(full(NSE_FNO, 40123, 10f, ltt, volume, oi, 9.5f, 4_000_000_000L, 10.5f, 3_000_000_000L));

        LegSnapshot s = ce.read();
        assertThat(s.volume()).isEqualTo(volume);
        assertThat(s.lastTradeTime()).isEqualTo(ltt);
        assertThat(s.oi()).isEqualTo(oi);
        assertThat(s.bidQty()).isEqualTo(4_000_000_000L);
        assertThat(s.askQty()).isEqualTo(3_000_000_000L);
    }

    @Test
    void severalPacketsInOneMessageAreAllApplied() {
        decode(frame(
                ticker(IDX_I, 13, 24512.25f, LTT),
                full(NSE_FNO, 40123, 112.5f, LTT, 100, 200, 112.25f, 750, 112.75f, 300),
                quote(NSE_FNO, 40124, 98.25f, LTT, 300),
                oi(NSE_FNO, 40124, 400),
                prevClose(NSE_FNO, 40125, 50.5f, 600)));

        assertThat(changed()).containsExactlyInAnyOrder(nifty, ce, pe, otherCe);
        assertThat(nifty.read().ltp()).isEqualTo(24512.25);
        assertThat(ce.read().bid()).isEqualTo(112.25);
        assertThat(pe.read().ltp()).isEqualTo(98.25);
        assertThat(pe.read().oi()).isEqualTo(400);
        assertThat(otherCe.read().prevClose()).isEqualTo(50.5);
        assertThat(metrics.ticksApplied()).isEqualTo(5);
        assertThat(metrics.malformedTotal()).isZero();
    }

    @Test
    void truncatedLastPacketIsCountedAndThePacketsBeforeItApplied() {
        byte[] cutFull = cut(full(NSE_FNO, 40124, 112.5f, LTT, 1, 2, 3f, 4, 5f, 6), 100);

        decode(frame(ticker(NSE_FNO, 40123, 112.5f, LTT), cutFull));

        assertThat(changed()).containsExactly(ce);
        assertThat(metrics.malformed(Malformed.PAST_FRAME_END)).isEqualTo(1);
        assertThat(counter("livechain.feed.malformed.packets", "reason", "past_frame_end")).isEqualTo(1);
        assertThat(metrics.packets(8)).isZero();
    }

    @Test
    void aMessageShorterThanAHeaderIsCounted() {
        decode(frame(ticker(NSE_FNO, 40123, 112.5f, LTT), new byte[] {2, 16, 0, 2, 1}));

        assertThat(changed()).containsExactly(ce);
        assertThat(metrics.malformed(Malformed.SHORT_HEADER)).isEqualTo(1);
        assertThat(metrics.malformedTotal()).isEqualTo(1);
    }

    @Test
    void wrongLengthForItsCodeIsSkippedAndTheRestOfTheMessageApplied() {
        // A ticker header claiming 20 bytes: in bounds, so it frames, but a ticker is 16 bytes.
        byte[] longTicker = raw(2, 20, NSE_FNO.code(), 40124);

        decode(frame(longTicker, ticker(NSE_FNO, 40125, 7.5f, LTT)));

        assertThat(changed()).containsExactly(otherCe);
        assertThat(metrics.malformed(Malformed.LENGTH_MISMATCH)).isEqualTo(1);
        assertThat(metrics.packets(2)).isEqualTo(1);
    }

    @Test
    void lengthFieldBelowTheHeaderSizeDropsTheRestOfTheMessage() {
        decode(frame(ticker(NSE_FNO, 40123, 1f, LTT), raw(2, 4, NSE_FNO.code(), 40124),
                ticker(NSE_FNO, 40125, 2f, LTT)));

        assertThat(changed()).containsExactly(ce);
        assertThat(metrics.malformed(Malformed.LENGTH_BELOW_HEADER)).isEqualTo(1);
    }

    @Test
    void unknownCodeIsCountedAndSteppedOverByItsLength() {
        decode(frame(raw(99, 24, NSE_FNO.code(), 40123), ticker(NSE_FNO, 40124, 3.5f, LTT)));

        assertThat(changed()).containsExactly(pe);
        assertThat(metrics.malformed(Malformed.UNKNOWN_CODE)).isEqualTo(1);
        assertThat(counter("livechain.feed.malformed.packets", "reason", "unknown_code")).isEqualTo(1);
    }

    @Test
    void garbageAfterValidPacketsIsCountedAndTheValidPacketsKept() {
        byte[] garbage = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, 1, 2, 3, 4, 5, 6, 7, 8};

        decode(frame(ticker(NSE_FNO, 40123, 1.5f, LTT), oi(NSE_FNO, 40124, 77), garbage));

        assertThat(changed()).containsExactlyInAnyOrder(ce, pe);
        // 0xBEAD little-endian is far past the 12 bytes left.
        assertThat(metrics.malformed(Malformed.PAST_FRAME_END)).isEqualTo(1);
        assertThat(metrics.ticksApplied()).isEqualTo(2);
    }

    @Test
    void unknownInstrumentIsCountedAndChangesNothing() {
        decode(frame(ticker(NSE_FNO, 99999, 1.5f, LTT), full(IDX_I, 40123, 1f, LTT, 1, 1, 1f, 1, 1f, 1)));

        assertThat(changed()).isEmpty();
        assertThat(metrics.unknownInstruments()).isEqualTo(2);
        assertThat(metrics.ticksApplied()).isZero();
        assertThat(counter("livechain.feed.unknown.instruments")).isEqualTo(2);
    }

    @Test
    void disconnectPacketReturnsItsReasonCode() {
        int reason = decode(frame(ticker(NSE_FNO, 40123, 1.5f, LTT), disconnect(807)));

        assertThat(reason).isEqualTo(807);
        assertThat(changed()).containsExactly(ce);
        assertThat(metrics.packets(50)).isEqualTo(1);
    }

    @Test
    void undocumentedAndStatusPacketsAreCountedByCodeAndApplyNothing() {
        decode(frame(raw(1, 16, IDX_I.code(), 13), raw(3, 112, NSE_FNO.code(), 40123), marketStatus(),
                ticker(NSE_FNO, 40124, 4.5f, LTT)));

        assertThat(changed()).containsExactly(pe);
        assertThat(metrics.packets(1)).isEqualTo(1);
        assertThat(metrics.packets(3)).isEqualTo(1);
        assertThat(metrics.packets(7)).isEqualTo(1);
        assertThat(metrics.malformedTotal()).isZero();
    }

    @Test
    void byteStringMessagesAreCopiedIntoTheReusableBufferEvenWhenLargerThanIt() {
        byte[][] packets = new byte[200][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = full(NSE_FNO, 40123, i, LTT, i, i, 1f, 1, 2f, 2);   // 200 x 162 = 32400 bytes
        }
        packets[packets.length - 1] = ticker(NSE_FNO, 40124, 9.5f, LTT);

        decoder.decode(ByteString.of(frame(packets)));
        decoder.decode(ByteString.of(ticker(NSE_FNO, 40125, 1.5f, LTT)));

        assertThat(changed()).containsExactlyInAnyOrder(ce, pe, otherCe);
        assertThat(ce.read().ltp()).isEqualTo(198.0);
        assertThat(pe.read().ltp()).isEqualTo(9.5);
        assertThat(metrics.ticksApplied()).isEqualTo(201);
    }

    @Test
    void decodesAtAnOffsetInsideALargerBuffer() {
        byte[] bytes = frame(new byte[5], ticker(NSE_FNO, 40123, 6.5f, LTT), new byte[7]);

        decoder.decode(bytes, 5, 16);

        assertThat(changed()).containsExactly(ce);
        assertThat(metrics.malformedTotal()).isZero();
    }

    private int decode(byte[] message) {
        return decoder.decode(message, 0, message.length);
    }

    private Map<Leg, LegSnapshot> snapshot() {
        Map<Leg, LegSnapshot> s = new LinkedHashMap<>();
        for (Leg leg : all) {
            s.put(leg, leg.read());
        }
        return s;
    }

    /** Legs whose state (including the seqlock version) differs from before the test's decode. */
    private Set<Leg> changed() {
        Map<Leg, LegSnapshot> after = snapshot();
        return all.stream().filter(leg -> !after.get(leg).equals(before.get(leg)))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }
}
