package com.livechain.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.market.Freshness;
import com.livechain.chain.OptionChain;
import com.livechain.chain.Underlying;

/**
 * The chain over HTTP, served from the cache only: a request never calls Dhan. Parameters are taken
 * as text and checked here so that every rejection names the parameter and what it accepts.
 */
@RestController
@RequestMapping(path = "/options", produces = MediaType.APPLICATION_JSON_VALUE)
public class OptionsController {

    /** How long a client should wait before asking again while the cache fills. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private final ChainCache cache;
    private final RenderedChains rendered;

    /** @param json the application's JSON mapper, the one Spring MVC writes responses with */
    public OptionsController(ChainCache cache, Freshness freshness, AnalyticsProperties analytics, JsonMapper json) {
        this.cache = cache;
        this.rendered = new RenderedChains(new ChainViews(freshness, analytics.rate()), freshness, json);
    }

    /**
     * The chain as the contract's JSON ({@link ChainView}), written from {@link RenderedChains}: rendered once
     * per change of the chain, not once per request.
     */
    @GetMapping("/live")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The live chain",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ChainView.class)))
    public void live(@RequestParam(required = false) String underlying,
                     @RequestParam(required = false) String expiry,
                     @RequestParam(required = false) String strikes,
                     HttpServletResponse response) throws IOException {
        String symbol = requireUnderlying(underlying);
        Integer strikesEachSide = parseStrikes(strikes);
        LocalDate requestedExpiry = parseExpiry(expiry);
        String source = readySource();
        Underlying known = cache.underlying(symbol).orElseThrow(() -> ApiProblem.notFound("Unknown underlying",
                "No chain is kept for underlying '" + symbol + "'.", symbols()));
        List<LocalDate> expiries = cache.expiries(known.symbol());
        if (expiries.isEmpty()) {
            throw ApiProblem.notReady("Every expiry of " + known.symbol() + " has closed; new contracts load at the next start.",
                    OptionsController.RETRY_AFTER_SECONDS);
        }
        LocalDate chosen = requestedExpiry != null ? requestedExpiry : expiries.get(0);
        OptionChain chain = cache.chain(known.symbol(), chosen).orElseThrow(() -> ApiProblem.notFound("Unknown expiry",
                "No live " + known.symbol() + " expiry on " + chosen + ".", expiries.stream().map(LocalDate::toString).toList()));
        RenderedChains.Response body = rendered.render(source, chain,
                expiries.stream().map(LocalDate::toString).toList(), strikesEachSide);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length());
        OutputStream out = response.getOutputStream();
        out.write(body.head());
        out.write(body.asOf());
        out.write(body.tail());
    }

    @GetMapping("/underlyings")
    public UnderlyingsView underlyings() {
        String source = readySource();
        List<UnderlyingsView.Entry> entries = cache.underlyings().stream()
                .map(u -> new UnderlyingsView.Entry(u.symbol(), u.ref().securityId(), u.ref().segment().name(),
                        u.lotSize(), ChainViews.number(u.strikeStep()),
                        cache.expiries(u.symbol()).stream().map(LocalDate::toString).toList()))
                .toList();
        return new UnderlyingsView(source, entries);
    }

    private String readySource() {
        if (!cache.isReady()) {
            throw ApiProblem.notReady("The option chains are still loading; retry shortly.", RETRY_AFTER_SECONDS);
        }
        return cache.source().orElseThrow().name();
    }

    private List<String> symbols() {
        return cache.underlyings().stream().map(Underlying::symbol).toList();
    }

    private String requireUnderlying(String underlying) {
        if (underlying == null || underlying.isBlank()) {
            throw ApiProblem.badParameter("Parameter 'underlying' is required: an index symbol such as "
                    + (cache.isReady() ? String.join(", ", symbols()) : "NIFTY") + ".");
        }
        String symbol = underlying.trim();
        if (!symbol.matches("[A-Za-z0-9&_-]{1,32}")) {
            throw ApiProblem.badParameter("Parameter 'underlying' must be an index symbol of letters and digits, such as NIFTY.");
        }
        return symbol.toUpperCase(java.util.Locale.ROOT);
    }

    private static LocalDate parseExpiry(String expiry) {
        if (expiry == null || expiry.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(expiry.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("Parameter 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-11-27.");
        }
    }

    private static Integer parseStrikes(String strikes) {
        if (strikes == null || strikes.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(strikes.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badParameter("Parameter 'strikes' must be a whole number from 1 to 1000: the strikes each side of ATM.");
    }
}
