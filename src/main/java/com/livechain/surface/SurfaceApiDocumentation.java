package com.livechain.surface;

import static com.livechain.api.OpenApiParts.example;
import static com.livechain.api.OpenApiParts.problem;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.livechain.chain.Underlying;

import com.livechain.api.OpenApiParts;

/**
 * The OpenAPI description of {@code GET /options/surface}, written as the chain API's is
 * ({@code api.ApiDocumentation}): springdoc derives the path and the schema ({@link SurfaceView}) from
 * {@link SurfaceController}; this adds the parameter's rule, an example taken from a real (simulated) response,
 * trimmed to two expiries and a few smile points, and the problem responses, which refer to the {@code Problem}
 * schema the chain API declares.
 */
@Configuration(proxyBeanMethods = false)
class SurfaceApiDocumentation {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String PATH = "/options/surface";

    @Bean
    OpenApiCustomizer surfaceOpenApiCustomizer() {
        return openApi -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(PATH);
            if (item != null && item.getGet() != null) {
                describe(item.getGet());
            }
        };
    }

    private void describe(Operation get) {
        get.operationId("surface").tags(List.of("options"))
                .summary("The volatility surface of one underlying: every live expiry's forward, ATM IV, 25-delta "
                        + "risk reversal and butterfly, expected move and smile")
                .description("Expiries nearest first. Computed from the live chain on the same Black-76 IVs and parity "
                        + "forward as `/options/live`, and as fresh: a read after a tick sees it. `days`: calendar days to "
                        + "15:30 IST on the expiry (ACT/365). `atmIv`: the IV at the forward, linear in log-moneyness "
                        + "between the strikes around it (percent). `rr25` = IV(25-delta call) - IV(25-delta put), `bf25` "
                        + "= their mean - `atmIv` (IV points), the 25-delta IVs interpolated linearly in forward delta "
                        + "(N(d1), no premium adjustment) between the bracketing strikes; `null` when the listed strikes "
                        + "do not reach the point, never extrapolated. `expectedMove` = forward x atmIv x sqrt(years), "
                        + "index points. `smile`: the out-of-the-money leg of every strike that has an IV, puts below "
                        + "the forward (negative delta), calls from it up.");
        for (Parameter parameter : get.getParameters()) {
            if (parameter.getName().equals("underlying")) {
                parameter.required(true)
                        .description("Symbol of a configured underlying, case-insensitive (see `/options/underlyings`).")
                        .schema(new StringSchema().pattern(Underlying.SYMBOL_PATTERN)).example("NIFTY");
            }
        }
        ApiResponse ok = get.getResponses() != null && get.getResponses().get("200") != null
                ? get.getResponses().get("200") : new ApiResponse().description("The surface");
        MediaType media = ok.getContent() != null && ok.getContent().get(JSON) != null
                ? ok.getContent().get(JSON) : new MediaType();
        media.addExamples("example", new Example().summary("NIFTY (simulated), two expiries, a few smile points")
                .value(example("openapi/options-surface.json")));
        ok.content(new Content().addMediaType(JSON, media));
        get.setResponses(new ApiResponses()
                .addApiResponse("200", ok)
                .addApiResponse("400", problem("`underlying` is missing or malformed; `detail` says what is accepted.",
                        Map.of("missingUnderlying", problemBody("Bad request parameter", 400,
                                "Parameter 'underlying' is required: an index symbol such as NIFTY, BANKNIFTY, SENSEX.",
                                null))))
                .addApiResponse("404", problem("Unknown underlying; `available` lists the configured ones.",
                        Map.of("unknownUnderlying", problemBody("Unknown underlying", 404,
                                "No chain is kept for underlying 'NIFTYX'. Available: NIFTY, BANKNIFTY, SENSEX.",
                                List.of("NIFTY", "BANKNIFTY", "SENSEX")))))
                .addApiResponse("503", problem("The chains are still loading; retry after `Retry-After` seconds.",
                        Map.of("notReady", problemBody("Chain not ready", 503,
                                "The option chains are still loading; retry shortly.", null)))
                        .addHeaderObject("Retry-After", new Header().description("Seconds to wait before asking again")
                                .schema(new IntegerSchema()).example(5))));
    }

    private static Map<String, Object> problemBody(String title, int status, String detail, List<String> available) {
        return OpenApiParts.problemBody(title, status, detail, PATH, available);
    }
}
