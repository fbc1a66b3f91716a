package com.livechain.api;

import static com.livechain.api.OpenApiParts.example;
import static com.livechain.api.OpenApiParts.problem;
import static com.livechain.api.OpenApiParts.problemBody;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.livechain.chain.Underlying;

/**
 * The OpenAPI description of the chain API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). Written beside the controller rather than in annotations on it, so the
 * controller reads as code: springdoc derives the paths and the response schemas from
 * {@link OptionsController} and the view records; this adds what it cannot know: the parameters'
 * rules (they are taken as text so every rejection can name them), the contract's examples, and the
 * RFC 9457 error responses with their {@code available} list and {@code Retry-After} header.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    private static final String TAG = "options";

    @Bean
    OpenAPI livechainOpenApi() {
        return new OpenAPI().info(new Info()
                .title("livechain")
                .version("1")
                .description("""
                        A live option chain of Indian indices from a DhanHQ account (or the embedded simulator: \
                        `source` says which). Served from memory: a request never calls Dhan. Prices that were \
                        never received are `null`, never 0; `stale` is true when an instrument has had no tick \
                        for `livechain.stale-after` (30 s) while the feed is down or the market is open. Times \
                        are ISO-8601 in IST. Errors are RFC 9457 `application/problem+json`."""))
                .addTagsItem(new Tag().name(TAG).description("Option chains and the underlyings they are kept for"));
    }

    @Bean
    OpenApiCustomizer optionsApiDocumentation() {
        return openApi -> {
            Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
            components.addSchemas(OpenApiParts.PROBLEM_SCHEMA, problemSchema());
            openApi.setComponents(components);
            if (openApi.getPaths() == null) {
                return;
            }
            operation(openApi.getPaths().get("/options/live")).ifPresent(this::describeLive);
            operation(openApi.getPaths().get("/options/underlyings")).ifPresent(this::describeUnderlyings);
        };
    }

    private static Optional<Operation> operation(PathItem item) {
        return Optional.ofNullable(item).map(PathItem::getGet);
    }

    private void describeLive(Operation get) {
        get.operationId("liveChain").tags(List.of(TAG))
                .summary("The live option chain of one underlying and expiry")
                .description("Strikes ascend. Greeks are Black-76: IV in percent, theta per calendar day, vega per "
                        + "1 IV point. `summary` holds PCR (put OI / call OI) and max pain over the strikes returned.");
        for (Parameter parameter : get.getParameters()) {
            switch (parameter.getName()) {
                case "underlying" -> parameter.required(true)
                        .description("Symbol of a configured underlying, case-insensitive (see `/options/underlyings`).")
                        .schema(new StringSchema().pattern(Underlying.SYMBOL_PATTERN))
                        .example("NIFTY");
                case "expiry" -> parameter.required(false)
                        .description("Expiry date. Default: the nearest expiry that has not yet closed (15:30 IST).")
                        .schema(new DateSchema())
                        .example("2026-11-27");
                case "strikes" -> parameter.required(false)
                        .description("Strikes each side of the at-the-money strike. Default: all strikes.")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(ChainRequestResolver.MAX_STRIKES)))
                        .example(20);
                default -> { }
            }
        }
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", ok(get, "The chain", "NIFTY, nearest expiry, strikes=1",
                        example("openapi/options-live.json")))
                .addApiResponse("400", problem("A parameter is missing or malformed; `detail` names it and what is accepted.",
                        Map.of("missingUnderlying", problemBody("Bad request parameter", 400,
                                        "Parameter 'underlying' is required: an index symbol such as NIFTY, BANKNIFTY, SENSEX.",
                                        "/options/live", null),
                                "badExpiry", problemBody("Bad request parameter", 400,
                                        "Parameter 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-11-27.",
                                        "/options/live", null))))
                .addApiResponse("404", problem("Unknown underlying or expiry; `available` lists the ones that exist.",
                        Map.of("unknownUnderlying", problemBody("Unknown underlying", 404,
                                        "No chain is kept for underlying 'NIFTYX'. Available: NIFTY, BANKNIFTY, SENSEX.", "/options/live",
                                        List.of("NIFTY", "BANKNIFTY", "SENSEX")),
                                "unknownExpiry", problemBody("Unknown expiry", 404,
                                        "No live NIFTY expiry on 2026-11-28. Available: 2026-11-27, 2026-12-04, 2026-12-11, 2026-12-29.",
                                        "/options/live",
                                        List.of("2026-11-27", "2026-12-04", "2026-12-11", "2026-12-29")))))
                .addApiResponse("503", notReady());
        get.setResponses(responses);
    }

    private void describeUnderlyings(Operation get) {
        get.operationId("underlyings").tags(List.of(TAG))
                .summary("Each configured underlying with its live expiries, lot size and strike step")
                .description("Expiries ascend and exclude those that have closed (15:30 IST on the expiry date). "
                        + "The strike step is derived from the listed strikes.");
        get.setResponses(new ApiResponses()
                .addApiResponse("200", ok(get, "The underlyings", "Three underlyings",
                        example("openapi/options-underlyings.json")))
                .addApiResponse("503", notReady()));
    }

    /** The 200 response springdoc derived (schema of the view record), with the contract's example added. */
    private static ApiResponse ok(Operation get, String description, String summary, Object example) {
        Schema<?> schema = null;
        if (get.getResponses() != null && get.getResponses().get("200") != null
                && get.getResponses().get("200").getContent() != null) {
            MediaType derived = get.getResponses().get("200").getContent().values().stream().findFirst().orElse(null);
            schema = derived == null ? null : derived.getSchema();
        }
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(JSON, new MediaType().schema(schema)
                        .addExamples("example", new Example().summary(summary).value(example))));
    }

    private static ApiResponse notReady() {
        return problem("The chain is not ready yet (start-up, or every expiry has closed); retry after `Retry-After` seconds.",
                Map.of("loading", problemBody("Chain not ready", 503,
                        "The option chains are still loading; retry shortly.", "/options/live", null)))
                .addHeaderObject("Retry-After", new Header()
                        .description("Seconds to wait before asking again")
                        .schema(new IntegerSchema())
                        .example(5));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().description("Problem type URI; absent means about:blank"))
                .addProperty("title", new StringSchema().description("Short summary of the problem kind"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What was wrong and what is accepted"))
                .addProperty("instance", new StringSchema().description("The request path"))
                .addProperty("available", new ArraySchema().items(new StringSchema())
                        .description("404 only: the underlyings or expiries that exist"));
    }
}
