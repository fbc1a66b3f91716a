package com.livechain.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.market.Freshness;

/**
 * The chain over HTTP, served from the cache only: a request never calls Dhan. Parameters are taken
 * as text and checked by {@link ChainRequestResolver}, as a push subscription is, so that every rejection
 * names the parameter and what it accepts in the same words.
 */
@RestController
@RequestMapping(path = "/options", produces = MediaType.APPLICATION_JSON_VALUE)
public class OptionsController implements MeterBinder {

    private final ChainCache cache;
    private final ChainRequestResolver requests;
    private final RenderedChains rendered;

    /** @param json the application's JSON mapper, the one Spring MVC writes responses with */
    public OptionsController(ChainCache cache, Freshness freshness, AnalyticsProperties analytics, JsonMapper json) {
        this.cache = cache;
        this.requests = new ChainRequestResolver(cache);
        this.rendered = new RenderedChains(new ChainViews(freshness, analytics.rate()), freshness, json);
    }

    /** The rendered-body cache's metrics (Boot binds every {@code MeterBinder} bean to the registry). */
    @Override
    public void bindTo(MeterRegistry registry) {
        rendered.bindTo(registry);
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
        ChainRequest request = requests.resolve(underlying, expiry, strikes);
        RenderedChains.Response body = rendered.render(request.source(), request.chain(), request.expiries(),
                request.strikesEachSide());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length());
        OutputStream out = response.getOutputStream();
        out.write(body.head());
        out.write(body.asOf());
        out.write(body.tail());
    }

    @GetMapping("/underlyings")
    public UnderlyingsView underlyings() {
        String source = requests.readySource();
        List<UnderlyingsView.Entry> entries = cache.underlyings().stream()
                .map(u -> new UnderlyingsView.Entry(u.symbol(), u.ref().securityId(), u.ref().segment().name(),
                        u.lotSize(), ChainViews.number(u.strikeStep()),
                        cache.expiries(u.symbol()).stream().map(LocalDate::toString).toList()))
                .toList();
        return new UnderlyingsView(source, entries);
    }
}
