package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.ManualFeed;
import com.livechain.MutableClock;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.chain.UnderlyingRef;
import com.livechain.market.Freshness;
import com.livechain.universe.ChainAssembler;
import com.livechain.universe.UnderlyingUniverse;

/**
 * The streamed body of {@code GET /options/live} is, byte for byte, what Jackson writes for the {@link ChainView}
 * records: same fields, same order, same nulls, same numbers.
 */
class ChainJsonWriterTest {

    // Thursday 2026-11-26 10:00:40.250 IST: market open, so a leg 40 s without a tick is stale.
    static final Instant OPEN = Instant.parse("2026-11-26T04:30:40.250Z");
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final List<String> EXPIRIES = List.of(WEEKLY.toString(), "2026-12-08");

    /** The application's mapper (JsonWritingConfiguration) and Jackson's default one. */
    static final List<JsonMapper> MAPPERS = List.of(
            JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build(), JsonMapper.builder().build());

    private final MutableClock clock = new MutableClock(OPEN.minusSeconds(40));
    private final Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
    private final ManualFeed feed = new ManualFeed();
    private OptionChain chain;
    private TickApplier ticks;
    private long nextId;

    @BeforeEach
    void setUp() {
        feed.up(0);
        freshness.attach(feed);
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
        List<Instrument> options = new ArrayList<>();
        nextId = 40_000;
        // A half strike (24462.5) among whole ones, and a strike listed with a call only (24700).
        for (String k : new String[] {"24400", "24450", "24462.5", "24500", "24550", "24600"}) {
            options.add(option(k, OptionType.CE));
            options.add(option(k, OptionType.PE));
        }
        options.add(option("24700", OptionType.CE));
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(List.of(new UnderlyingUniverse(nifty, options)));
        chain = assembly.chains().get(0);
        ticks = new TickApplier(assembly::index, clock);
    }

    private Instrument option(String strike, OptionType type) {
        return new Instrument(nextId++, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, new BigDecimal(strike), type, 75);
    }

    /** The CE of the n-th strike has id 40000 + 2n, its PE 40001 + 2n. */
    private static long ce(int strike) {
        return 40_000 + 2L * strike;
    }

    private static long pe(int strike) {
        return 40_001 + 2L * strike;
    }

    /**
     * Every kind of value: a leg ticked 40 s ago (stale), legs with depth and without, a leg with a last price
     * only, legs never traded (all null), a previous close and OI (an OI change), a premium below intrinsic (no
     * IV), open interest for the summary.
     */
    private void tradeADay() {
        long old = clock.millis();
        ticks.full(2, ce(0), 140.05f, 1L, 10_000, 1_000_000, 140f, 75, 140.1f, 150, old);
        ticks.previousClose(2, ce(0), 120.5f, 900_000);
        clock.advance(Duration.ofSeconds(40));
        long now = clock.millis();
        ticks.ticker(0, 13, 24512.35f, 1L, now);
        ticks.previousClose(0, 13, 24400.1f, -1);
        ticks.full(2, pe(0), 31.2f, 1L, 20_000, 2_500_000, 31.15f, 300, 31.25f, 450, now);
        ticks.full(2, ce(2), 95.6f, 1L, 5_000, 400_000, 95.5f, 75, 95.7f, 75, now);
        ticks.full(2, pe(2), 43.35f, 1L, 5_000, 410_000, 43.3f, 75, 43.4f, 75, now);
        ticks.full(2, ce(3), 112.5f, 1L, 1_200_345, 5_432_100, 112.3f, 750, 112.6f, 300, now);
        ticks.full(2, pe(3), 95.15f, 1L, 980_000, 4_100_000, 95.1f, 450, 95.2f, 150, now);
        ticks.previousClose(2, ce(3), 98.2f, 5_311_800);
        ticks.ticker(2, ce(4), 88.05f, 1L, now);
        ticks.full(2, pe(4), 0.05f, 1L, 10, 1_000, 0.05f, 75, 0.1f, 75, now);
        ticks.full(2, pe(5), 5f, 1L, 10, 1_000, 4.95f, 75, 5.05f, 75, now);
        ticks.openInterest(2, pe(5), 12_345, now);
        ticks.ticker(2, ce(6), 3.4f, 1L, now);
    }

    private static String viaRecords(JsonMapper json, ChainViews views, OptionChain chain, Integer strikes) {
        return json.writeValueAsString(views.render("DHAN", chain, EXPIRIES, strikes));
    }

    private static String streamed(JsonMapper json, ChainViews views, OptionChain chain, Integer strikes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = json.createGenerator(out)) {
            new ChainJsonWriter(views).write(generator, "DHAN", chain, EXPIRIES, strikes);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The summary's IV-history figures, with digits to round. */
    private static com.livechain.analytics.LatestIvRanks ivRanks() {
        com.livechain.analytics.LatestIvRanks ranks = new com.livechain.analytics.LatestIvRanks();
        ranks.put("NIFTY", new com.livechain.analytics.IvRank(13.1, 42.45678, 57.95, 120));
        return ranks;
    }

    private void assertStreamedIsTheRecordsJson() {
        for (JsonMapper json : MAPPERS) {
            for (Integer strikes : new Integer[] {null, 1, 10}) {
                String expected = viaRecords(json, new ChainViews(freshness, 0.10, ivRanks()), chain, strikes);
                assertThat(streamed(json, new ChainViews(freshness, 0.10, ivRanks()), chain, strikes))
                        .as("strikes=%s", strikes).isEqualTo(expected);
            }
        }
    }

    @Test
    void aChainWithNullsStaleLegsAndHalfStrikesStreamsAsTheRecordsSerialise() {
        tradeADay();

        assertStreamedIsTheRecordsJson();
        // The fixture shows what it is meant to: otherwise the comparison above proves less than its name.
        JsonNode body = MAPPERS.get(0).readTree(streamed(MAPPERS.get(0), new ChainViews(freshness, 0.10), chain, null));
        JsonNode strikes = body.get("strikes");
        assertThat(strikes.get(2).get("strike").asString()).isEqualTo("24462.5");
        assertThat(strikes.get(3).get("strike").isIntegralNumber()).isTrue();
        assertThat(strikes.get(0).get("ce").get("stale").asBoolean()).isTrue();
        assertThat(strikes.get(0).get("pe").get("stale").asBoolean()).isFalse();
        assertThat(strikes.get(1).get("ce").get("ltp").isNull()).isTrue();
        assertThat(strikes.get(4).get("ce").get("bid").isNull()).isTrue();
        assertThat(strikes.get(3).get("ce").get("oiChange").asLong()).isEqualTo(120_300);
        assertThat(strikes.get(3).get("ce").get("iv").isNumber()).isTrue();
        assertThat(strikes.get(5).get("pe").get("ltp").asDouble()).isEqualTo(5.0);
        assertThat(strikes.get(5).get("pe").get("iv").isNull()).as("below intrinsic: no IV").isTrue();
        assertThat(strikes.get(6).get("pe").isNull()).isTrue();
        assertThat(body.get("atmStrike").asLong()).isEqualTo(24500);
        assertThat(body.get("summary").get("totalCeOi").isNumber()).isTrue();
        assertThat(body.get("underlying").get("change").asDouble()).isEqualTo(112.25);
    }

    @Test
    void aChainWithoutAnyPriceStreamsAsTheRecordsSerialise() {
        assertStreamedIsTheRecordsJson();
        JsonNode body = MAPPERS.get(0).readTree(streamed(MAPPERS.get(0), new ChainViews(freshness, 0.10), chain, 1));
        assertThat(body.get("atmStrike").isNull()).isTrue();
        assertThat(body.get("underlying").get("updatedAt").isNull()).isTrue();
        assertThat(body.get("summary").get("pcr").isNull()).isTrue();
    }

    @Test
    void analyticsKeptFromTheLastRenderAreThoseAFreshRenderComputes() {
        tradeADay();
        ChainViews kept = new ChainViews(freshness, 0.10);
        JsonMapper json = MAPPERS.get(0);
        streamed(json, kept, chain, null);

        // A far leg moves (the forward does not), then an at-the-money one (the forward moves), then the second.
        ticks.full(2, ce(6), 3.55f, 2L, 10, 100, 3.5f, 75, 3.6f, 75, clock.millis());
        assertThat(streamed(json, kept, chain, null)).isEqualTo(viaRecords(json, new ChainViews(freshness, 0.10), chain, null));
        ticks.full(2, ce(3), 113.05f, 2L, 1_200_400, 5_432_100, 112.95f, 750, 113.1f, 300, clock.millis());
        assertThat(streamed(json, kept, chain, null)).isEqualTo(viaRecords(json, new ChainViews(freshness, 0.10), chain, null));
        clock.advance(Duration.ofMillis(800));
        assertThat(streamed(json, kept, chain, null)).isEqualTo(viaRecords(json, new ChainViews(freshness, 0.10), chain, null));
    }
}
