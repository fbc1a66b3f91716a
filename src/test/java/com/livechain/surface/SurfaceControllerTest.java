package com.livechain.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.analytics.Black76;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.TickApplier;
import com.livechain.chain.UnderlyingRef;
import com.livechain.market.Freshness;
import com.livechain.market.MarketHours;
import com.livechain.universe.ChainAssembler;
import com.livechain.universe.UnderlyingUniverse;

/** The web layer of {@code GET /options/surface}: the contract's shape, its nulls, freshness after a tick, errors. */
@WebMvcTest(SurfaceController.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // each test installs its own universe
class SurfaceControllerTest {

    // Thursday 2026-11-26 20:00 IST.
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:30:00Z"), ZoneOffset.UTC);
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);
    static final double SPOT = 24512.35;
    static final double VOL = 0.15;
    static final double RATE = 0.10;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class Chain {
        @Bean
        Freshness freshness() {
            return new Freshness(CLOCK, Duration.ofSeconds(30));
        }

        @Bean
        AnalyticsProperties analytics() {
            return new AnalyticsProperties(RATE);
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

    /** NIFTY 24300-24700 every 50, a weekly and a monthly; CE ids from 40000, each PE the next id. */
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

    static double years(LocalDate expiry) {
        return (MarketHours.expiryClose(expiry).toEpochMilli() - CLOCK.millis()) / (365.0 * 86_400_000);
    }

    /** Every leg quoted (bid = ask) at its Black-76 price on a flat 15% smile over the spot carried at 10%. */
    private TickApplier priceFlatSmile() {
        TickApplier ticks = new TickApplier(cache::index, CLOCK);
        ticks.ticker(0, 13, SPOT, 1_764_149_462L, ticks.nowMillis());
        long id = 40000;
        for (LocalDate expiry : List.of(WEEKLY, MONTHLY)) {
            double t = years(expiry);
            double forward = (float) SPOT * Math.exp(RATE * t);
            for (int k = 24300; k <= 24700; k += 50) {
                for (boolean call : new boolean[] {true, false}) {
                    quote(ticks, id++, Black76.price(call, forward, k, t, RATE, VOL));
                }
            }
        }
        return ticks;
    }

    private static void quote(TickApplier ticks, long id, double premium) {
        float p = (float) premium;
        ticks.full(2, id, p, 1_764_149_462L, 1_000, 75_000, p, 750, p, 750, ticks.nowMillis());
    }

    private JsonNode surface() {
        var response = mvc.get().uri("/options/surface?underlying=nifty").exchange();
        assertThat(response).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        return JSON.readTree(response.getResponse().getContentAsByteArray());
    }

    @Test
    void everyExpiryWithItsFiguresAndItsOutOfTheMoneySmile() {
        installNifty();
        priceFlatSmile();
        JsonNode body = surface();
        assertThat(body.propertyNames()).containsExactly("source", "underlying", "asOf", "expiries");
        assertThat(body.get("source").asString()).isEqualTo("DHAN");
        assertThat(body.get("underlying").asString()).isEqualTo("NIFTY");
        assertThat(body.get("asOf").asString()).isEqualTo("2026-11-26T20:00:00.000+05:30");
        JsonNode expiries = body.get("expiries");
        assertThat(expiries.valueStream().map(e -> e.get("expiry").asString())).containsExactly("2026-12-01", "2026-12-29");

        JsonNode weekly = expiries.get(0);
        assertThat(weekly.propertyNames()).containsExactly("expiry", "days", "forward", "atmIv", "rr25", "bf25",
                "expectedMove", "smile");
        // 20:00 IST on the 26th to 15:30 IST on 1 December: 4 days 19.5 hours.
        assertThat(weekly.get("days").asDouble()).isEqualTo(4.81);
        double forward = (float) SPOT * Math.exp(RATE * years(WEEKLY));
        assertThat(weekly.get("forward").asDouble()).isCloseTo(forward, within(0.02));
        assertThat(weekly.get("atmIv").asDouble()).isEqualTo(15.0);
        // A flat smile: no skew, no curvature.
        assertThat(weekly.get("rr25").asDouble()).isEqualTo(0.0);
        assertThat(weekly.get("bf25").asDouble()).isEqualTo(0.0);
        assertThat(weekly.get("expectedMove").asDouble())
                .isCloseTo(forward * VOL * Math.sqrt(years(WEEKLY)), within(0.02));
        JsonNode smile = weekly.get("smile");
        assertThat(smile).hasSize(9);
        for (int i = 0; i < smile.size(); i++) {
            JsonNode point = smile.get(i);
            double strike = point.get("strike").asDouble();
            assertThat(strike).isEqualTo(24300 + 50 * i);
            assertThat(point.get("iv").asDouble()).as("iv at %s", strike).isEqualTo(15.0);
            boolean call = strike >= forward;
            assertThat(point.get("delta").asDouble()).as("delta at %s", strike).isCloseTo(
                    Black76.delta(call, forward, strike, years(WEEKLY), RATE, VOL), within(1e-4));
        }
        assertThat(smile.get(5).get("delta").asDouble()).as("24550, above the forward 24548: the call").isPositive();
        assertThat(smile.get(4).get("delta").asDouble()).as("24500: the put").isNegative();
        assertThat(smile.get(0).get("strike").isIntegralNumber()).isTrue();

        JsonNode monthly = expiries.get(1);
        // 33 days at 10% carry the forward to about 24735, above the highest strike: no ATM IV to interpolate.
        assertThat(monthly.get("forward").asDouble()).isGreaterThan(24700);
        assertThat(monthly.get("atmIv").isNull()).isTrue();
        assertThat(monthly.get("expectedMove").isNull()).isTrue();
        assertThat(monthly.get("smile")).as("every strike is below the forward: all puts").hasSize(9)
                .allSatisfy(point -> assertThat(point.get("delta").asDouble()).isNegative());
        // 33 days at 15%: the 25-delta put lies about 750 points out, beyond the lowest strike.
        assertThat(monthly.get("rr25").isNull()).isTrue();
        assertThat(monthly.get("bf25").isNull()).isTrue();
    }

    @Test
    void aReadAfterATickSeesIt() {
        installNifty();
        TickApplier ticks = priceFlatSmile();
        assertThat(surface().get("expiries").get(0).get("smile").get(0).get("iv").asDouble()).isEqualTo(15.0);
        // Same second (the clock is fixed): only the chain's version says the body is out of date.
        double t = years(WEEKLY);
        quote(ticks, 40001, Black76.price(false, (float) SPOT * Math.exp(RATE * t), 24300, t, RATE, 0.18));
        JsonNode weekly = surface().get("expiries").get(0);
        assertThat(weekly.get("smile").get(0).get("iv").asDouble()).isEqualTo(18.0);
        assertThat(surface().get("expiries").get(1).get("smile").get(0).get("iv").asDouble())
                .as("the monthly is untouched").isEqualTo(15.0);
    }

    @Test
    void withoutPricesTheExpiriesAreListedWithNulls() {
        installNifty();
        JsonNode weekly = surface().get("expiries").get(0);
        for (String field : List.of("forward", "atmIv", "rr25", "bf25", "expectedMove")) {
            assertThat(weekly.get(field).isNull()).as(field).isTrue();
        }
        assertThat(weekly.get("days").asDouble()).isEqualTo(4.81);
        assertThat(weekly.get("smile")).isEmpty();
    }

    @Test
    void notReadyIs503WithRetryAfter() {
        assertThat(mvc.get().uri("/options/surface?underlying=NIFTY"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "5")
                .bodyJson().extractingPath("$.detail").asString().contains("still loading");
    }

    @Test
    void aMissingOrMalformedUnderlyingIs400NamingIt() {
        installNifty();
        assertThat(mvc.get().uri("/options/surface"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("Parameter 'underlying' is required: an index symbol such as NIFTY.");
        assertThat(mvc.get().uri("/options/surface?underlying=NI FTY!"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").asString().startsWith("Parameter 'underlying' must be");
    }

    @Test
    void anUnknownUnderlyingIs404ListingTheKnownOnes() {
        installNifty();
        var json = assertThat(mvc.get().uri("/options/surface?underlying=BANKNIFTY"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson();
        json.extractingPath("$.title").isEqualTo("Unknown underlying");
        json.extractingPath("$.available").asArray().containsExactly("NIFTY");
    }
}
