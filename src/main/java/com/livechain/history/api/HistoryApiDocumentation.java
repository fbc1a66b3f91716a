package com.livechain.history.api;

import static com.livechain.api.OpenApiParts.example;
import static com.livechain.api.OpenApiParts.problem;
import static com.livechain.api.OpenApiParts.problemBody;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /options/series} and {@code /options/iv-history}, as the chain API's is
 * written ({@code api.ApiDocumentation}): springdoc derives paths and schemas from {@link HistoryController};
 * this adds the parameters' rules, the contract's examples (JSON files under {@code openapi/}) and the problem
 * responses, which refer to the {@code Problem} schema the chain API's description declares.
 */
@Configuration(proxyBeanMethods = false)
class HistoryApiDocumentation {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String TAG = "history";

    @Bean
    OpenApiCustomizer historyOpenApiCustomizer() {
        return openApi -> {
            openApi.addTagsItem(new Tag().name(TAG).description(
                    "The market memory: intraday series recorded every interval, and the daily IV history"));
            if (openApi.getPaths() == null) {
                return;
            }
            PathItem series = openApi.getPaths().get("/options/series");
            if (series != null && series.getGet() != null) {
                describeSeries(series.getGet());
            }
            PathItem ivHistory = openApi.getPaths().get("/options/iv-history");
            if (ivHistory != null && ivHistory.getGet() != null) {
                describeIvHistory(ivHistory.getGet());
            }
        };
    }

    private void describeSeries(Operation get) {
        get.operationId("series").tags(List.of(TAG))
                .summary("The recorded intraday series of one expiry, or of one strike's call and put")
                .description("One point per `livechain.history.interval` (`interval`, ISO-8601: PT1M), `t` the start of "
                        + "the interval in IST. Without `strike`: spot, parity forward, ATM strike (nearest the spot), "
                        + "ATM IV (mean of the ATM call's and put's, percent), straddle (ATM call + put mid), PCR, max "
                        + "pain and total OI, for every expiry. With `strike`: both legs' ltp, bid, ask, IV, OI and "
                        + "volume, recorded for the nearest two expiries, 15 strikes each side of ATM at that interval. "
                        + "Values are as `/options/live` showed them; `null` when not known. Intervals the service did "
                        + "not record (closed market, feed down, database down) are absent, not filled.");
        for (Parameter parameter : get.getParameters()) {
            switch (parameter.getName()) {
                case "underlying" -> parameter.required(true)
                        .description("Symbol of a configured or recorded underlying, case-insensitive.")
                        .schema(new StringSchema().pattern("[A-Za-z0-9&_-]{1,32}")).example("NIFTY");
                case "expiry" -> parameter.required(true)
                        .description("Expiry date: a live one, or one recorded before it expired.")
                        .schema(new DateSchema()).example("2026-12-08");
                case "strike" -> parameter.required(false)
                        .description("A strike of the expiry: the series of its call and put.")
                        .schema(new NumberSchema().minimum(BigDecimal.ZERO).exclusiveMinimum(true)).example(26000);
                case "from" -> parameter.required(false)
                        .description("Start, inclusive: an ISO date (from its 00:00 IST) or an instant with its offset. "
                                + "Default: the start of the day of `to`, or, with neither, of the current or last "
                                + "session (the IST day of the newest recorded point).")
                        .schema(new StringSchema()).example("2026-12-02T09:15:00+05:30");
                case "to" -> parameter.required(false)
                        .description("End, inclusive: an ISO date (to its end) or an instant. Default: now, or, with "
                                + "neither, the end of the current or last session's day.")
                        .schema(new StringSchema()).example("2026-12-02");
                default -> { }
            }
        }
        get.setResponses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("The series").content(new Content()
                        .addMediaType(JSON, new MediaType()
                                .addExamples("expiry", new Example().summary("NIFTY 2026-12-08, three minutes (a simulated run)")
                                        .value(example("openapi/options-series.json")))
                                .addExamples("strike", new Example().summary("NIFTY 2026-12-08 strike 25900 (a simulated run)")
                                        .value(example("openapi/options-series-strike.json"))))))
                .addApiResponse("400", problem("A parameter is missing or malformed; `detail` names it.", Map.of(
                        "missingExpiry", problemBody("Bad request parameter", 400, "Parameter 'expiry' is required: an ISO "
                                + "date (YYYY-MM-DD), such as 2026-12-08 (see /options/underlyings for the live expiries).",
                                "/options/series", null),
                        "badFrom", problemBody("Bad request parameter", 400, "Parameter 'from' must be an ISO date "
                                + "(2026-12-02) or an instant with its offset (2026-12-02T09:15:00+05:30 or "
                                + "2026-12-02T03:45:00Z).", "/options/series", null))))
                .addApiResponse("404", problem("Unknown underlying, expiry or strike; `available` lists what exists.", Map.of(
                        "unknownExpiry", problemBody("Unknown expiry", 404, "No NIFTY expiry on 2026-12-09 is live or was "
                                + "recorded.", "/options/series", List.of("2026-12-08", "2026-12-15", "2026-12-22",
                                        "2026-12-29", "2027-01-05", "2027-01-25", "2027-02-23")),
                        "unknownStrike", problemBody("Unknown strike", 404, "No NIFTY 2026-12-08 strike 26010 is listed.",
                                "/options/series", List.of("25950", "26000", "26050")))))
                .addApiResponse("503", unavailable()));
    }

    private void describeIvHistory(Operation get) {
        get.operationId("ivHistory").tags(List.of(TAG))
                .summary("The daily IV history of an underlying, with IV rank and IV percentile")
                .description("One value a trading day, newest first: the mean of the ATM call and put IV of the nearest "
                        + "monthly expiry with at least 7 calendar days left, at the day's last recorded minute "
                        + "(`RECORDED`), or filled from Dhan's expired-options data (`BACKFILLED`). `ivRank` = (current - "
                        + "min) / (max - min) x 100 and `ivPercentile` = share of days below current x 100, over the days "
                        + "listed (at most the last 252); both `null` until 20 days are listed.");
        for (Parameter parameter : get.getParameters()) {
            switch (parameter.getName()) {
                case "underlying" -> parameter.required(true)
                        .description("Symbol of a configured or recorded underlying, case-insensitive.")
                        .schema(new StringSchema().pattern("[A-Za-z0-9&_-]{1,32}")).example("NIFTY");
                case "days" -> parameter.required(false)
                        .description("Calendar days back from today to list. Default 365.")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(HistoryRequests.MAX_DAYS)))
                        .example(365);
                default -> { }
            }
        }
        get.setResponses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("The IV history").content(new Content()
                        .addMediaType(JSON, new MediaType().addExamples("example", new Example()
                                .summary("NIFTY, days=30: today recorded, the rest backfilled (a simulated run)").value(example("openapi/options-iv-history.json"))))))
                .addApiResponse("400", problem("A parameter is missing or malformed; `detail` names it.", Map.of(
                        "badDays", problemBody("Bad request parameter", 400, "Parameter 'days' must be a whole number of "
                                + "calendar days from 1 to 3650, such as 365.", "/options/iv-history", null))))
                .addApiResponse("404", problem("Unknown underlying; `available` lists the configured ones.", Map.of(
                        "unknownUnderlying", problemBody("Unknown underlying", 404, "No history is kept for underlying "
                                + "'NIFTYX'.", "/options/iv-history", List.of("NIFTY", "BANKNIFTY", "SENSEX")))))
                .addApiResponse("503", unavailable()));
    }

    private static ApiResponse unavailable() {
        return problem("The chains are still loading, or the history database is not answering (the live chain is not "
                        + "affected); retry after `Retry-After` seconds.",
                Map.of("databaseDown", problemBody("History unavailable", 503, "The market memory's database is not "
                        + "answering; the live chain is not affected. See /actuator/health (history) for the reason, "
                        + "and retry after Retry-After seconds.", "/options/series", null),
                        "chainsLoading", problemBody("Chain not ready", 503, "The option chains are still loading; "
                                + "retry shortly.", "/options/series", null)))
                .addHeaderObject("Retry-After", new Header().description("Seconds to wait before asking again")
                        .schema(new IntegerSchema()).example(30));
    }
}
