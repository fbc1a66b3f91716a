package com.livechain.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.livechain.chain.ChainCache;
import com.livechain.chain.OptionChain;
import com.livechain.chain.Underlying;

/**
 * The one reading of a chain request, for {@code GET /options/live} and a {@code /ws/options} subscription
 * alike: the raw texts of {@code underlying}, {@code expiry} and {@code strikes} become a {@link ChainRequest},
 * or an {@link ApiProblem} whose detail is the same sentence on both: REST writes it as a ProblemDetail, push
 * as {@code {"type":"error","detail":...}}.
 *
 * <p>The checks run in the contract's order: each parameter's form (400, naming it and what it accepts), then
 * whether the cache is ready (503), then whether the underlying and the expiry exist (404, listing those that
 * do). Values are trimmed first, as Tomcat leaves a query's blanks in.
 */
public final class ChainRequestResolver {

    /** How long a client should wait before asking again while the cache fills. */
    public static final long RETRY_AFTER_SECONDS = 5;

    /** The widest {@code strikes} window accepted; no listed chain has more strikes a side. */
    public static final int MAX_STRIKES = 1000;

    private static final Pattern SYMBOL = Pattern.compile(Underlying.SYMBOL_PATTERN);

    /** The request parameters, each with the sentence that says what it accepts. */
    public enum Parameter {
        UNDERLYING("Parameter 'underlying' must be an index symbol of letters and digits, such as NIFTY."),
        EXPIRY("Parameter 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-11-27."),
        STRIKES("Parameter 'strikes' must be a whole number from 1 to " + MAX_STRIKES
                + ": the strikes each side of ATM.");

        private final String accepted;

        Parameter(String accepted) {
            this.accepted = accepted;
        }

        /** 400 for a value of this parameter that is not of the accepted form. */
        public ApiProblem malformed() {
            return ApiProblem.badParameter(accepted);
        }
    }

    private final ChainCache cache;

    public ChainRequestResolver(ChainCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * @param underlying required, case-insensitive
     * @param expiry     optional ({@code null} or empty: the nearest live expiry)
     * @param strikes    optional ({@code null} or empty: every strike)
     * @throws ApiProblem 400, 503 or 404, as the class says
     */
    public ChainRequest resolve(String underlying, String expiry, String strikes) {
        String symbol = symbol(underlying);
        LocalDate requested = expiry(expiry);
        Integer strikesEachSide = strikes(strikes);
        String source = readySource();
        Underlying known = cache.underlying(symbol).orElseThrow(() -> ApiProblem.notFound("Unknown underlying",
                "No chain is kept for underlying '" + symbol + "'. Available: " + String.join(", ", symbols()) + ".",
                symbols()));
        List<LocalDate> live = cache.expiries(known.symbol());
        List<String> expiries = live.stream().map(LocalDate::toString).toList();
        if (live.isEmpty()) {
            throw ApiProblem.notReady("Every expiry of " + known.symbol()
                    + " has closed; new contracts load at the next daily reload.", RETRY_AFTER_SECONDS);
        }
        LocalDate chosen = requested != null ? requested : live.get(0);
        OptionChain chain = cache.chain(known.symbol(), chosen).orElseThrow(() -> ApiProblem.notFound("Unknown expiry",
                "No live " + known.symbol() + " expiry on " + chosen + ". Available: " + String.join(", ", expiries) + ".",
                expiries));
        return new ChainRequest(source, chain, expiries, strikesEachSide, requested == null);
    }

    /** The cache's source once it is ready; 503 with {@code Retry-After} before. */
    public String readySource() {
        if (!cache.isReady()) {
            throw ApiProblem.notReady("The option chains are still loading; retry shortly.", RETRY_AFTER_SECONDS);
        }
        return cache.source().orElseThrow().name();
    }

    private String symbol(String underlying) {
        if (underlying == null || underlying.isBlank()) {
            throw ApiProblem.badParameter("Parameter 'underlying' is required: an index symbol such as "
                    + (cache.isReady() ? String.join(", ", symbols()) : "NIFTY") + ".");
        }
        String symbol = underlying.trim();
        if (!SYMBOL.matcher(symbol).matches()) {
            throw Parameter.UNDERLYING.malformed();
        }
        return symbol.toUpperCase(Locale.ROOT);
    }

    private static LocalDate expiry(String expiry) {
        if (expiry == null || expiry.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(expiry.trim());
        } catch (DateTimeParseException e) {
            throw Parameter.EXPIRY.malformed();
        }
    }

    private static Integer strikes(String strikes) {
        if (strikes == null || strikes.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(strikes.trim());
            if (n >= 1 && n <= MAX_STRIKES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Parameter.STRIKES.malformed();
    }

    private List<String> symbols() {
        return cache.underlyings().stream().map(Underlying::symbol).toList();
    }
}
