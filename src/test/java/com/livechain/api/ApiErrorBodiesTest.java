package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.chain.MarketSource;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;
import com.livechain.market.Freshness;
import com.livechain.universe.ChainAssembler;
import com.livechain.universe.UnderlyingUniverse;

/**
 * Every kind of error body {@code /options/*} answers, whole: the exact JSON (title, status, detail,
 * instance, and {@code available} for a 404) and the headers that go with it. Frontends parse these, so a
 * change of how they are produced must not change a byte of what they say.
 */
@WebMvcTest(OptionsController.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // some tests install a universe
class ApiErrorBodiesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:30:00Z"), ZoneOffset.UTC);
    static final LocalDate WEEKLY = LocalDate.of(2026, 12, 1);
    static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);

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

    private void installNifty() {
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);
        List<Instrument> options = new ArrayList<>();
        long id = 40000;
        for (LocalDate expiry : List.of(WEEKLY, MONTHLY)) {
            for (int k = 24400; k <= 24600; k += 50) {
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", expiry, BigDecimal.valueOf(k), OptionType.CE, 75));
                options.add(new Instrument(id++, ExchangeSegment.NSE_FNO, "NIFTY", expiry, BigDecimal.valueOf(k), OptionType.PE, 75));
            }
        }
        ChainAssembler.Assembly a = ChainAssembler.assemble(List.of(new UnderlyingUniverse(nifty, options)));
        cache.install(MarketSource.DHAN, a.underlyings(), a.chains(), a.index());
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    /** The response is problem+json and its body is exactly {@code expected}: no field more, none less. */
    private static void assertProblem(MvcTestResult result, int status, String expected) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(json(body)).isEqualTo(json(expected));
    }

    @Test
    void notReadyIs503WithRetryAfterAndSaysSo() {
        MvcTestResult result = mvc.get().uri("/options/live?underlying=NIFTY").exchange();

        assertProblem(result, 503, """
                {"title":"Chain not ready","status":503,
                 "detail":"The option chains are still loading; retry shortly.","instance":"/options/live"}""");
        assertThat(result).hasHeader("Retry-After", "5");
        assertProblem(mvc.get().uri("/options/underlyings").exchange(), 503, """
                {"title":"Chain not ready","status":503,
                 "detail":"The option chains are still loading; retry shortly.","instance":"/options/underlyings"}""");
    }

    @Test
    void badParametersAre400NamingTheParameterWithoutRetryAfter() {
        installNifty();

        MvcTestResult missing = mvc.get().uri("/options/live").exchange();
        assertProblem(missing, 400, """
                {"title":"Bad request parameter","status":400,
                 "detail":"Parameter 'underlying' is required: an index symbol such as NIFTY.","instance":"/options/live"}""");
        assertThat(missing.getResponse().getHeader("Retry-After")).isNull();
        assertProblem(mvc.get().uri("/options/live?underlying=NIFTY&expiry=tomorrow").exchange(), 400, """
                {"title":"Bad request parameter","status":400,
                 "detail":"Parameter 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-11-27.",
                 "instance":"/options/live"}""");
        assertProblem(mvc.get().uri("/options/live?underlying=NIFTY&strikes=0").exchange(), 400, """
                {"title":"Bad request parameter","status":400,
                 "detail":"Parameter 'strikes' must be a whole number from 1 to 1000: the strikes each side of ATM.",
                 "instance":"/options/live"}""");
        assertProblem(mvc.get().uri("/options/live?underlying={u}", "NIFTY 50").exchange(), 400, """
                {"title":"Bad request parameter","status":400,
                 "detail":"Parameter 'underlying' must be an index symbol of letters and digits, such as NIFTY.",
                 "instance":"/options/live"}""");
    }

    @Test
    void unknownNamesAre404ListingWhatExists() {
        installNifty();

        assertProblem(mvc.get().uri("/options/live?underlying=DOWJONES").exchange(), 404, """
                {"title":"Unknown underlying","status":404,
                 "detail":"No chain is kept for underlying 'DOWJONES'. Available: NIFTY.","instance":"/options/live",
                 "available":["NIFTY"]}""");
        assertProblem(mvc.get().uri("/options/live?underlying=nifty&expiry=2026-12-02").exchange(), 404, """
                {"title":"Unknown expiry","status":404,
                 "detail":"No live NIFTY expiry on 2026-12-02. Available: 2026-12-01, 2026-12-29.","instance":"/options/live",
                 "available":["2026-12-01","2026-12-29"]}""");
    }

    @Test
    void theFrameworksOwnErrorsAreProblemsToo() {
        assertProblem(mvc.get().uri("/options/nope").exchange(), 404, """
                {"title":"Not Found","status":404,
                 "detail":"No static resource options/nope.","instance":"/options/nope"}""");
        MvcTestResult post = mvc.post().uri("/options/live?underlying=NIFTY").exchange();
        assertProblem(post, 405, """
                {"title":"Method Not Allowed","status":405,
                 "detail":"Method 'POST' is not supported.","instance":"/options/live"}""");
        assertThat(post).hasHeader("Allow", "GET");
    }
}
