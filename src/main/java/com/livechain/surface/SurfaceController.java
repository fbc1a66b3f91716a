package com.livechain.surface;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.api.ChainRequest;
import com.livechain.api.ChainRequestResolver;
import com.livechain.chain.ChainCache;
import com.livechain.chain.OptionChain;
import com.livechain.market.Freshness;

/**
 * {@code GET /options/surface}: the volatility surface of one underlying from the live chains, served from memory
 * ({@link RenderedSurfaces}). The underlying is checked by {@link ChainRequestResolver}, as for
 * {@code /options/live}, so the same input gets the same 400, 404 or 503 in the same words.
 */
@RestController
public class SurfaceController {

    private final ChainCache cache;
    private final ChainRequestResolver requests;
    private final RenderedSurfaces rendered;

    /** @param json the application's JSON mapper, the one Spring MVC writes responses with */
    public SurfaceController(ChainCache cache, Freshness freshness, AnalyticsProperties analytics, JsonMapper json) {
        this.cache = cache;
        this.requests = new ChainRequestResolver(cache);
        this.rendered = new RenderedSurfaces(new ChainSurfaces(analytics.rate()), freshness, json);
    }

    @GetMapping(path = "/options/surface", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The surface", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SurfaceView.class)))
    public void surface(@RequestParam(required = false) String underlying, HttpServletResponse response)
            throws IOException {
        ChainRequest request = requests.resolve(underlying, null, null);
        String symbol = request.chain().underlying().symbol();
        List<OptionChain> chains = new ArrayList<>(request.expiries().size());
        for (String expiry : request.expiries()) {
            cache.chain(symbol, LocalDate.parse(expiry)).ifPresent(chains::add);
        }
        RenderedSurfaces.Response body = rendered.render(request.source(), symbol, chains);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length());
        OutputStream out = response.getOutputStream();
        out.write(body.head());
        out.write(body.asOf());
        out.write(body.tail());
    }
}
