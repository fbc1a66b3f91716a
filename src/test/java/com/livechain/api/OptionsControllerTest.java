package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionChain;
import com.livechain.chain.OptionType;
import com.livechain.chain.SnapshotLeg;
import com.livechain.chain.TickApplier;
import com.livechain.chain.Underlying;
import com.livechain.chain.UnderlyingRef;
import com.livechain.market.Freshness;
import com.livechain.universe.ChainAssembler;
import com.livechain.universe.OptionChainSnapshot;
import com.livechain.universe.SnapshotSeeding;
import com.livechain.universe.UnderlyingUniverse;

/** The web layer alone: JSON shape, null for no data, and every error as problem+json. */
@WebMvcTest(OptionsController.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // each test installs its own universe
class OptionsControllerTest {

    // Thursday 2026-11-26 20:00 IST: market closed, so staleness follows the feed only.
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:30:00Z"), ZoneOffset.UTC);
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);

    /** 15:30 IST on an expiry date, in epoch millis. */
    static final class MarketHoursCloseMillis {
        static long of(LocalDate expiry) {
            return com.livechain.market.MarketHours.expiryClose(expiry).toEpochMilli();
        }
    }

    @TestConfiguration
    static class Chain {
        @Bean
        Freshness freshness() {
            return new Freshness(CLOCK, Duration.ofSeconds(30));
        }

        @Bean
        AnalyticsProperties analytics() {
            return new AnalyticsProperties(0.10);
        }

        @Bean
        ChainCache chainCache() {
            return new ChainCache(CLOCK);
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ChainCache cache;

    @Autowired
    Freshness freshness;

    private void installNifty() {
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
        List<Instrument> options = new ArrayList<>();
        long id = 40000;
        for (LocalDate expiry : List.of(WEEKLY, MONTHLY)) {
            for (int k = 24300; k <= 24700; k += 50) {
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", expiry, BigDecimal.valueOf(k), OptionType.CE, 75));
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", expiry, BigDecimal.valueOf(k), OptionType.PE, 75));
            }
        }
        ChainAssembler.Assembly a = ChainAssembler.assemble(List.of(new UnderlyingUniverse(nifty, options)));
        cache.install(MarketSource.DHAN, a.underlyings(), a.chains(), a.index());
    }

    @Test
    void notReadyIs503WithRetryAfter() {
        assertThat(mvc.get().uri("/options/live?underlying=NIFTY"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "5")
                .bodyJson().extractingPath("$.detail").asString().contains("still loading");
    }

    @Test
    void servesTheNearestExpiryWithNullsForDataNotYetReceived() {
        installNifty();
        var response = mvc.get().uri("/options/live?underlying=nifty").exchange();
        assertThat(response).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        var json = assertThat(response).bodyJson();
        json.extractingPath("$.source").isEqualTo("DHAN");
        json.extractingPath("$.expiry").isEqualTo("2026-12-01");
        json.extractingPath("$.expiries").asArray().containsExactly("2026-12-01", "2026-12-29");
        json.extractingPath("$.lotSize").isEqualTo(75);
        json.extractingPath("$.strikeStep").isEqualTo(50);
        json.extractingPath("$.atmStrike").isNull();
        json.extractingPath("$.underlying.symbol").isEqualTo("NIFTY");
        json.extractingPath("$.underlying.securityId").isEqualTo(13);
        json.extractingPath("$.underlying.segment").isEqualTo("IDX_I");
        json.extractingPath("$.underlying.ltp").isNull();
        json.extractingPath("$.underlying.stale").isEqualTo(true);
        json.extractingPath("$.strikes.length()").isEqualTo(9);
        json.extractingPath("$.strikes[0].strike").isEqualTo(24300);
        json.extractingPath("$.strikes[0].ce.securityId").isEqualTo(40000);
        json.extractingPath("$.strikes[0].pe.securityId").isEqualTo(40001);
        json.extractingPath("$.strikes[0].ce.ltp").isNull();
        json.extractingPath("$.strikes[0].ce.oi").isNull();
        json.extractingPath("$.strikes[0].ce.iv").isNull();
        json.extractingPath("$.summary.pcr").isNull();
    }

    @Test
    void ticksShowUpRoundedWithChangeOiChangeAndAtmWindow() {
        installNifty();
        TickApplier ticks = new TickApplier(cache::index, CLOCK);
        ticks.previousClose(0, 13, 24400.1f, -1);
        ticks.ticker(0, 13, 24512.35f, 1_764_149_462L, ticks.nowMillis());
        ticks.previousClose(2, 40008, 98.2f, 5_311_800);
        ticks.full(2, 40008, 112.5f, 1_764_149_462L, 1_200_345, 5_432_100, 112.3f, 750, 112.6f, 300, ticks.nowMillis());
        ticks.openInterest(2, 40009, 6_000_000, ticks.nowMillis());
        // An empty ask side of the depth arrives as price 0: it must show as no ask, not an ask of 0.
        ticks.full(2, 40010, 80.1f, 1_764_149_462L, 10, 20, 80.0f, 75, 0f, 0, ticks.nowMillis());

        var json = assertThat(mvc.get().uri("/options/live?underlying=NIFTY&expiry=2026-12-01&strikes=1")).bodyJson();
        json.extractingPath("$.underlying.ltp").isEqualTo(24512.35);
        json.extractingPath("$.underlying.prevClose").isEqualTo(24400.1);
        json.extractingPath("$.underlying.change").isEqualTo(112.25);
        json.extractingPath("$.underlying.changePct").isEqualTo(0.46);
        json.extractingPath("$.underlying.updatedAt").isEqualTo("2026-11-26T20:00:00.000+05:30");
        json.extractingPath("$.atmStrike").isEqualTo(24500);
        json.extractingPath("$.strikes.length()").isEqualTo(3);
        json.extractingPath("$.strikes[1].strike").isEqualTo(24500);
        json.extractingPath("$.strikes[1].ce.ltp").isEqualTo(112.5);
        json.extractingPath("$.strikes[1].ce.bid").isEqualTo(112.3);
        json.extractingPath("$.strikes[1].ce.ask").isEqualTo(112.6);
        json.extractingPath("$.strikes[1].ce.bidQty").isEqualTo(750);
        json.extractingPath("$.strikes[1].ce.volume").isEqualTo(1200345);
        json.extractingPath("$.strikes[1].ce.oi").isEqualTo(5432100);
        json.extractingPath("$.strikes[1].ce.oiChange").isEqualTo(120300);
        json.extractingPath("$.strikes[1].ce.prevClose").isEqualTo(98.2);
        json.extractingPath("$.strikes[1].pe.oi").isEqualTo(6000000);
        json.extractingPath("$.strikes[1].pe.ltp").isNull();
        json.extractingPath("$.strikes[2].ce.bid").isEqualTo(80.0);
        json.extractingPath("$.strikes[2].ce.ask").isNull();
        json.extractingPath("$.summary.totalCeOi").isEqualTo(5432120);
        json.extractingPath("$.summary.totalPeOi").isEqualTo(6000000);
        json.extractingPath("$.summary.pcr").isEqualTo(1.1045);
        json.extractingPath("$.summary.maxPain").isEqualTo(24500);
        // Only the call has a premium, so the forward falls back to spot carried at 10%; T = 4.81 days.
        // The IV must reprice the mid (112.45) through Black-76 to within what rounding the IV to 0.01 points
        // moves the price: vega is about 11 rupees a point here, so 0.06.
        double years = (MarketHoursCloseMillis.of(WEEKLY) - CLOCK.millis()) / (365.0 * 86_400_000);
        double forward = 24512.35f * Math.exp(0.10 * years);
        json.extractingPath("$.strikes[1].ce.iv").asNumber().satisfies(iv -> assertThat(
                com.livechain.analytics.Black76.price(true, forward, 24500, years, 0.10, iv.doubleValue() / 100))
                .isCloseTo(112.45, org.assertj.core.data.Offset.offset(0.1)));
        json.extractingPath("$.strikes[1].ce.delta").asNumber().satisfies(d -> assertThat(d.doubleValue()).isBetween(0.45, 0.6));
        json.extractingPath("$.strikes[1].ce.theta").asNumber().satisfies(t -> assertThat(t.doubleValue()).isNegative());
        json.extractingPath("$.strikes[1].ce.vega").asNumber().satisfies(v -> assertThat(v.doubleValue()).isPositive());
        json.extractingPath("$.strikes[1].pe.iv").isNull();
    }

    /** Start-up seeds the nearest expiry from Dhan's option-chain snapshot; no tick arrives in this test at all. */
    @Test
    void snapshotSeededPricesAreServedBeforeAnyTick() {
        installNifty();
        Underlying nifty = cache.underlying("NIFTY").orElseThrow();
        OptionChain weekly = cache.chain("NIFTY", WEEKLY).orElseThrow();
        OptionChainSnapshot snapshot = new OptionChainSnapshot(24512.35, List.of(
                new SnapshotLeg(new BigDecimal("24300.000000"), OptionType.CE, 40000,
                        250.05, 240.1, 1_000_000, 900_000, 123_456, 250.0, 750, 250.1, 1_500),
                // No security id: matched by strike and type, as a snapshot that omits ids must be.
                new SnapshotLeg(new BigDecimal("24300.000000"), OptionType.PE, 0,
                        20.5, 22.0, 2_000_000, 2_100_000, 654_321, 20.45, 300, 20.55, 600)));
        assertThat(SnapshotSeeding.apply(snapshot, nifty, weekly, CLOCK.millis())).as("legs seeded").isEqualTo(2);

        var json = assertThat(mvc.get().uri("/options/live?underlying=NIFTY")).hasStatusOk().bodyJson();
        json.extractingPath("$.expiry").isEqualTo("2026-12-01");
        json.extractingPath("$.underlying.ltp").isEqualTo(24512.35);
        json.extractingPath("$.underlying.updatedAt").isEqualTo("2026-11-26T20:00:00.000+05:30");
        json.extractingPath("$.strikes[0].strike").isEqualTo(24300);
        json.extractingPath("$.strikes[0].ce.securityId").isEqualTo(40000);
        json.extractingPath("$.strikes[0].ce.ltp").isEqualTo(250.05);
        json.extractingPath("$.strikes[0].ce.prevClose").isEqualTo(240.1);
        json.extractingPath("$.strikes[0].ce.bid").isEqualTo(250.0);
        json.extractingPath("$.strikes[0].ce.ask").isEqualTo(250.1);
        json.extractingPath("$.strikes[0].ce.bidQty").isEqualTo(750);
        json.extractingPath("$.strikes[0].ce.askQty").isEqualTo(1500);
        json.extractingPath("$.strikes[0].ce.volume").isEqualTo(123456);
        json.extractingPath("$.strikes[0].ce.oi").isEqualTo(1000000);
        json.extractingPath("$.strikes[0].ce.oiChange").isEqualTo(100000);
        json.extractingPath("$.strikes[0].ce.updatedAt").isEqualTo("2026-11-26T20:00:00.000+05:30");
        json.extractingPath("$.strikes[0].pe.securityId").isEqualTo(40001);
        json.extractingPath("$.strikes[0].pe.ltp").isEqualTo(20.5);
        json.extractingPath("$.strikes[0].pe.oiChange").isEqualTo(-100000);
        json.extractingPath("$.strikes[0].pe.iv").as("analytics run on seeded prices too").isNotNull();
        json.extractingPath("$.strikes[1].ce.ltp").as("a leg the snapshot did not list").isNull();
        json.extractingPath("$.summary.totalCeOi").isEqualTo(1000000);
        json.extractingPath("$.summary.totalPeOi").isEqualTo(2000000);
        // Only the nearest expiry is seeded; the monthly waits for its first ticks.
        assertThat(mvc.get().uri("/options/live?underlying=NIFTY&expiry=2026-12-29")).bodyJson()
                .extractingPath("$.strikes[0].ce.ltp").isNull();
    }

    @Test
    void missingUnderlyingIs400NamingTheParameter() {
        installNifty();
        assertThat(mvc.get().uri("/options/live"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("'underlying' is required").contains("NIFTY");
    }

    @Test
    void malformedExpiryIs400() {
        installNifty();
        assertThat(mvc.get().uri("/options/live?underlying=NIFTY&expiry=27-11-2026"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").asString().contains("'expiry'").contains("YYYY-MM-DD");
    }

    @Test
    void badStrikesIs400() {
        installNifty();
        for (String bad : List.of("0", "-3", "ten", "1e3", "99999")) {
            assertThat(mvc.get().uri("/options/live?underlying=NIFTY&strikes=" + bad))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson().extractingPath("$.detail").asString().contains("'strikes'");
        }
    }

    @Test
    void junkUnderlyingIs400WithoutEchoingIt() {
        installNifty();
        assertThat(mvc.get().uri("/options/live?underlying={u}", "<script>alert(1)</script>"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").asString().doesNotContain("<script>");
    }

    @Test
    void unknownUnderlyingIs404ListingTheKnownOnes() {
        installNifty();
        var json = assertThat(mvc.get().uri("/options/live?underlying=DOWJONES"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson();
        json.extractingPath("$.available").asArray().containsExactly("NIFTY");
        json.extractingPath("$.detail").asString().contains("DOWJONES");
    }

    @Test
    void unknownExpiryIs404ListingTheLiveOnes() {
        installNifty();
        assertThat(mvc.get().uri("/options/live?underlying=NIFTY&expiry=2026-12-02"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.available").asArray().containsExactly("2026-12-01", "2026-12-29");
    }

    @Test
    void underlyingsListsExpiriesLotSizeAndStep() {
        installNifty();
        var json = assertThat(mvc.get().uri("/options/underlyings")).hasStatusOk().bodyJson();
        json.extractingPath("$.source").isEqualTo("DHAN");
        json.extractingPath("$.underlyings[0].symbol").isEqualTo("NIFTY");
        json.extractingPath("$.underlyings[0].lotSize").isEqualTo(75);
        json.extractingPath("$.underlyings[0].strikeStep").isEqualTo(50);
        json.extractingPath("$.underlyings[0].expiries").asArray().containsExactly("2026-12-01", "2026-12-29");
    }

    @Test
    void unknownPathIsProblemJsonToo() {
        assertThat(mvc.get().uri("/options/nope"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
