package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import com.livechain.MutableClock;
import com.livechain.api.push.PushFixtures;
import com.livechain.chain.ChainCache;
import com.livechain.chain.MarketSource;

/** The one reading of (underlying, expiry, strikes): what it accepts, and the exact words of each refusal. */
class ChainRequestResolverTest {

    private final ChainCache cache = new ChainCache(new MutableClock(Instant.now()));
    private final ChainRequestResolver resolver = new ChainRequestResolver(cache);

    private ApiProblem refusal(String underlying, String expiry, String strikes) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> resolver.resolve(underlying, expiry, strikes));
        assertThat(problem).as("refused").isNotNull();
        return problem;
    }

    @Test
    void aValidRequestFindsTheChainTrimmedAndCaseInsensitive() {
        PushFixtures.install(cache, MarketSource.SIMULATED);

        ChainRequest nearest = resolver.resolve(" nifty ", null, " 10 ");
        assertThat(nearest.source()).isEqualTo("SIMULATED");
        assertThat(nearest.key().underlying()).isEqualTo("NIFTY");
        assertThat(nearest.key().expiry()).isEqualTo(PushFixtures.NEAR);
        assertThat(nearest.expiries()).containsExactly(PushFixtures.NEAR.toString(), PushFixtures.FAR.toString());
        assertThat(nearest.strikesEachSide()).isEqualTo(10);
        assertThat(nearest.nearestExpiry()).isTrue();

        ChainRequest named = resolver.resolve("NIFTY", PushFixtures.FAR.toString(), "");
        assertThat(named.key().expiry()).isEqualTo(PushFixtures.FAR);
        assertThat(named.strikesEachSide()).as("empty: every strike").isNull();
        assertThat(named.nearestExpiry()).isFalse();
        assertThat(resolver.resolve("NIFTY", "", null).nearestExpiry()).as("empty expiry: the nearest").isTrue();
    }

    @Test
    void eachMalformedParameterIsA400NamingItAndWhatItAccepts() {
        PushFixtures.install(cache, MarketSource.SIMULATED);

        ApiProblem missing = refusal(" ", null, null);
        assertThat(missing.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getMessage())
                .isEqualTo("Parameter 'underlying' is required: an index symbol such as NIFTY, BANKNIFTY.");
        assertThat(refusal("NIFTY 50", null, null).getMessage())
                .isEqualTo("Parameter 'underlying' must be an index symbol of letters and digits, such as NIFTY.");
        assertThat(refusal("<script>", null, null).getMessage()).doesNotContain("<script>");
        assertThat(refusal("N".repeat(33), null, null).getMessage()).contains("'underlying'");
        assertThat(refusal("NIFTY", "27-11-2026", null).getMessage())
                .isEqualTo("Parameter 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-11-27.");
        for (String strikes : new String[] {"0", "1001", "-3", "ten", "2.5", "99999999999"}) {
            ApiProblem problem = refusal("NIFTY", null, strikes);
            assertThat(problem.status()).as(strikes).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.getMessage()).as(strikes)
                    .isEqualTo("Parameter 'strikes' must be a whole number from 1 to 1000: the strikes each side of ATM.");
        }
        assertThat(resolver.resolve("NIFTY", null, "1000").strikesEachSide()).isEqualTo(1000);
        assertThat(resolver.resolve("NIFTY", null, "1").strikesEachSide()).isEqualTo(1);
    }

    @Test
    void theFormIsCheckedBeforeReadinessAndReadinessBeforeExistence() {
        ApiProblem notReady = refusal("DOWJONES", null, null);
        assertThat(notReady.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(notReady.retryAfterSeconds()).isEqualTo(5);
        assertThat(notReady.getMessage()).isEqualTo("The option chains are still loading; retry shortly.");
        assertThat(refusal("NIFTY", "soon", null).status()).as("a malformed expiry is a 400 even while loading")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal("", null, null).getMessage()).as("no list to offer yet").endsWith("such as NIFTY.");
    }

    @Test
    void anUnknownUnderlyingOrExpiryIsA404ListingWhatExists() {
        PushFixtures.install(cache, MarketSource.SIMULATED);

        ApiProblem underlying = refusal("dowjones", null, null);
        assertThat(underlying.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(underlying.title()).isEqualTo("Unknown underlying");
        assertThat(underlying.getMessage())
                .isEqualTo("No chain is kept for underlying 'DOWJONES'. Available: NIFTY, BANKNIFTY.");
        assertThat(underlying.available()).containsExactly("NIFTY", "BANKNIFTY");

        LocalDate between = PushFixtures.NEAR.plusDays(1);
        ApiProblem expiry = refusal("NIFTY", between.toString(), null);
        assertThat(expiry.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(expiry.title()).isEqualTo("Unknown expiry");
        assertThat(expiry.getMessage()).isEqualTo("No live NIFTY expiry on " + between + ". Available: "
                + PushFixtures.NEAR + ", " + PushFixtures.FAR + ".");
        assertThat(expiry.available()).containsExactly(PushFixtures.NEAR.toString(), PushFixtures.FAR.toString());
    }
}
