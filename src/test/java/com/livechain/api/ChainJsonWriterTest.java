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
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.ManualFeed;
import com.livechain.MutableClock;
import com.livechain.analytics.Black76;
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

    /**
     * Many chains drawn at random (fixed seed): strike counts and steps, half strikes, legs missing on one side,
     * legs never traded, with a last price only, with depth or without (null bid or ask), premiums below
     * intrinsic (no IV) and far above, falling and rising OI (negative and positive changes), stale and fresh
     * legs, an underlying with and without a price. Every body StrikesJson writes is compared with what Jackson
     * writes for the records, for both ways of writing doubles and three windows; the counts at the end show
     * the draw reached every kind of value.
     */
    @Test
    void manyRandomChainsStreamAsTheRecordsSerialise() {
        SplittableRandom seeds = new SplittableRandom(13);
        int[] seen = new int[Kind.values().length];
        for (int c = 0; c < 300; c++) {
            long seed = seeds.nextLong();
            OptionChain random = randomChain(new SplittableRandom(seed));
            for (JsonMapper json : MAPPERS) {
                for (Integer strikes : new Integer[] {null, 0, 3}) {
                    String expected = viaRecords(json, new ChainViews(freshness, 0.10), random, strikes);
                    assertThat(streamed(json, new ChainViews(freshness, 0.10), random, strikes))
                            .as("chain of seed %d, strikes=%s, %s", seed, strikes, 
                                    json == MAPPERS.get(0) ? "shortest doubles" : "Double.toString")
                            .isEqualTo(expected);
                }
            }
            count(MAPPERS.get(0).readTree(viaRecords(MAPPERS.get(0), new ChainViews(freshness, 0.10), random, null)), seen);
        }
        for (Kind kind : Kind.values()) {
            assertThat(seen[kind.ordinal()]).as("values of kind %s compared", kind).isGreaterThan(50);
        }
    }

    private enum Kind { ABSENT_LEG, NEVER_TRADED, NULL_BID, IV, NO_IV, NEGATIVE_OI_CHANGE, NEGATIVE_GREEK, STALE, HALF_STRIKE }

    private static void count(JsonNode body, int[] seen) {
        for (JsonNode row : body.get("strikes")) {
            if (!row.get("strike").isIntegralNumber()) {
                seen[Kind.HALF_STRIKE.ordinal()]++;
            }
            for (String side : new String[] {"ce", "pe"}) {
                JsonNode leg = row.get(side);
                if (leg.isNull()) {
                    seen[Kind.ABSENT_LEG.ordinal()]++;
                    continue;
                }
                if (leg.get("updatedAt").isNull()) {
                    seen[Kind.NEVER_TRADED.ordinal()]++;
                } else if (leg.get("ltp").isNumber()) {
                    seen[(leg.get("iv").isNull() ? Kind.NO_IV : Kind.IV).ordinal()]++;
                }
                if (leg.get("bid").isNull() && leg.get("ltp").isNumber()) {
                    seen[Kind.NULL_BID.ordinal()]++;
                }
                if (leg.get("oiChange").isNumber() && leg.get("oiChange").asLong() < 0) {
                    seen[Kind.NEGATIVE_OI_CHANGE.ordinal()]++;
                }
                if (leg.get("theta").isNumber() && leg.get("theta").asDouble() < 0) {
                    seen[Kind.NEGATIVE_GREEK.ordinal()]++;
                }
                if (leg.get("stale").asBoolean() && !leg.get("updatedAt").isNull()) {
                    seen[Kind.STALE.ordinal()]++;
                }
            }
        }
    }

    /** A NIFTY weekly of 1 to 40 strikes around a random spot, each leg in a random state, ticked before now. */
    private OptionChain randomChain(SplittableRandom random) {
        double spot = 20_000 + random.nextInt(10_000) + random.nextInt(100) / 20.0;
        double step = new double[] {25, 50, 100}[random.nextInt(3)];
        int n = 1 + random.nextInt(40);
        double first = Math.round(spot / step) * step - step * random.nextInt(n);
        List<Instrument> options = new ArrayList<>();
        List<Double> strikes = new ArrayList<>();
        long id = 50_000;
        for (int i = 0; i < n; i++) {
            double k = first + i * step + (random.nextInt(10) == 0 ? step / 2 : 0);
            boolean ce = random.nextInt(20) != 0;
            boolean pe = !ce || random.nextInt(20) != 0;
            strikes.add(k);
            BigDecimal strike = BigDecimal.valueOf(k).stripTrailingZeros();
            options.add(new Instrument(ce ? id : -1, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, strike, OptionType.CE, 75));
            options.add(new Instrument(pe ? id + 1 : -1, ExchangeSegment.NSE_FNO, "NIFTY", WEEKLY, strike, OptionType.PE, 75));
            id += 2;
        }
        options.removeIf(o -> o.securityId() < 0);
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(
                List.of(new UnderlyingUniverse(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I), options)));
        TickApplier applier = new TickApplier(assembly::index, clock);
        long now = clock.millis();
        if (random.nextInt(10) != 0) {
            applier.ticker(0, 13, (float) spot, 1L, now - random.nextInt(60_000));
        }
        if (random.nextInt(5) != 0) {
            applier.previousClose(0, 13, (float) (spot * (0.97 + random.nextDouble(0.06))), -1);
        }
        double years = 5.0 / 365;
        for (Instrument o : options) {
            boolean call = o.type() == OptionType.CE;
            double fair = Black76.price(call, spot, o.strike().doubleValue(), years, 0.10, 0.08 + random.nextDouble(0.3));
            // Mostly near the fair premium; now and then below intrinsic (no IV) or far above it.
            double premium = switch (random.nextInt(10)) {
                case 0 -> Math.max(0.05, (call ? spot - o.strike().doubleValue() : o.strike().doubleValue() - spot) - 50);
                case 1 -> fair * 3 + 10;
                default -> Math.max(0.05, fair * (0.9 + random.nextDouble(0.2)));
            };
            float ltp = (float) (Math.round(premium * 20) / 20.0);
            long at = now - (random.nextInt(4) == 0 ? 30_000 + random.nextInt(30_000) : random.nextInt(5_000));
            long oi = random.nextInt(5_000_000);
            switch (random.nextInt(6)) {
                case 0 -> { } // never traded
                case 1 -> applier.ticker(2, o.securityId(), ltp, 1L, at);
                case 2 -> applier.quote(2, o.securityId(), ltp, 1L, random.nextInt(1_000_000), at);
                case 3 -> applier.full(2, o.securityId(), ltp, 1L, random.nextInt(2_000_000), oi, 0f, 0,
                        ltp + 0.05f, 75 * random.nextInt(20), at);
                default -> applier.full(2, o.securityId(), ltp, 1L, random.nextInt(2_000_000), oi,
                        Math.max(0.05f, ltp - 0.05f * random.nextInt(4)), 75 * random.nextInt(20),
                        ltp + 0.05f * random.nextInt(4), 75 * random.nextInt(20), at);
            }
            if (random.nextInt(3) != 0) {
                applier.previousClose(2, o.securityId(), ltp * (float) (0.5 + random.nextDouble()),
                        Math.max(0, oi + random.nextInt(-1_000_000, 1_000_000)));
            }
            if (random.nextInt(8) == 0) {
                applier.openInterest(2, o.securityId(), random.nextInt(5_000_000), at);
            }
        }
        return assembly.chains().get(0);
    }
}
