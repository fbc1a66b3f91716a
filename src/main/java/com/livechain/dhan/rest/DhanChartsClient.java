package com.livechain.dhan.rest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import okhttp3.OkHttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.dhan.DhanAccess;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

/**
 * Dhan's chart data (protocol §7): {@code POST /v2/charts/rollingoption}, the expired-options series, and
 * {@code POST /v2/charts/intraday}, the candles of one instrument.
 *
 * <p>Both are Data APIs (5 requests a second, §1.4): one {@link RequestThrottle} spaces every call by
 * {@code livechain.dhan.charts.interval}, and a call refused for the rate limit (DH-904, or HTTP 429) is retried
 * with the growing backoff of {@code livechain.dhan.rest.rate-limit-*} before the refusal is thrown.
 *
 * <p>A range longer than one call may cover (30 days for rolling options, 90 for intraday, §7.2 and §7.5) is
 * asked in consecutive windows. Each window asks one day more than it needs and is trimmed to its own days by the
 * bars' IST date, because the docs and live tests disagree on whether {@code toDate} is inclusive; windows never
 * overlap, so no bar comes twice.
 *
 * <p>Every answer is checked whole ({@link ChartsAnswers}): a malformed or partial one throws a
 * {@link Kind#BAD_RESPONSE} saying what is wrong, is counted in {@code livechain_dhan_charts_malformed_total{endpoint}},
 * and none of it is returned. Credentials go only into the headers and are masked should an answer echo them
 * ({@link DhanPost}); the windows are cut and joined by {@link ChartWindows}.
 */
@Component
public class DhanChartsClient implements MeterBinder, AutoCloseable {

    /** Dhan's documented window of one rolling-option call (§7.5: "upto 30 days of data in a single API call"). */
    public static final int ROLLING_OPTION_DAYS = 30;
    /** Dhan's window of one intraday call (§7.2: 90 days; more is refused with DH-905). */
    public static final int INTRADAY_DAYS = 90;

    static final String ROLLING_OPTION = "rollingoption";
    static final String INTRADAY = "intraday";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final OkHttpClient http;
    // Reads NaN and Infinity as numbers, so an answer carrying them is reported as such, not as "not JSON".
    private final JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final LongAdder malformedRollingOption = new LongAdder();
    private final LongAdder malformedIntraday = new LongAdder();
    private final DhanPost post;

    @Autowired
    public DhanChartsClient(DhanAccess access, DhanRestProperties rest, DhanChartsProperties charts) {
        this(access, rest, new RequestThrottle(charts.interval()), TimeUnit.NANOSECONDS::sleep);
    }

    /** For tests: a throttle on a fake clock and a backoff that need not really sleep. */
    DhanChartsClient(DhanAccess access, DhanRestProperties rest, RequestThrottle throttle,
                     RequestThrottle.Sleeper backoffSleeper) {
        Objects.requireNonNull(rest, "rest");
        this.http = new OkHttpClient.Builder()
                .connectTimeout(rest.timeout())
                .readTimeout(rest.timeout())
                .writeTimeout(rest.timeout())
                .callTimeout(rest.timeout())
                .build();
        this.post = new DhanPost(access, rest, http, json, throttle, backoffSleeper);
    }

    /**
     * The rolling-option series of {@code request}, its days from {@code from} to {@code to} inclusive, in as
     * many 30-day calls as it takes. Days without trading simply have no bars. Throws on the first call that
     * fails; nothing of the calls before it is returned either.
     */
    public RollingOptionSeries rollingOption(RollingOptionRequest request) {
        List<RollingOptionSeries> parts = new ArrayList<>();
        for (LocalDate[] window : ChartWindows.windows(request.from(), request.to(), ROLLING_OPTION_DAYS)) {
            RollingOptionRequest part = request.forDays(window[0], window[1]);
            ObjectNode body = json.createObjectNode()
                    .put("exchangeSegment", part.segment().name())
                    .put("interval", Integer.toString(part.intervalMinutes()))
                    .put("securityId", part.underlyingSecurityId())
                    .put("instrument", "OPTIDX")
                    .put("expiryFlag", part.expiryFlag().name())
                    .put("expiryCode", part.expiryCode())
                    .put("strike", part.strike())
                    .put("drvOptionType", part.optionType());
            var required = body.putArray("requiredData");
            for (RollingField field : part.fields()) {
                required.add(field.wire());
            }
            body.put("fromDate", part.from().toString())
                    .put("toDate", part.to().plusDays(1).toString());
            RollingOptionSeries series;
            try {
                DhanPost.Answer answer = post.post("/charts/rollingoption", body);
                series = ChartsAnswers.rollingOption(answer.call(), answer.status(), answer.body(), part);
            } catch (MalformedAnswerException e) {
                malformedRollingOption.increment();
                throw e;
            }
            parts.add(ChartWindows.trim(series, part.from(), part.to()));
        }
        return ChartWindows.concatRolling(request, parts);
    }

    /**
     * Intraday candles of {@code request}, its days from {@code from} to {@code to} inclusive, in as many 90-day
     * calls as it takes. Throws on the first call that fails.
     */
    public Candles intraday(IntradayRequest request) {
        List<Candles> parts = new ArrayList<>();
        for (LocalDate[] window : ChartWindows.windows(request.from(), request.to(), INTRADAY_DAYS)) {
            ObjectNode body = json.createObjectNode()
                    .put("securityId", Long.toString(request.securityId()))
                    .put("exchangeSegment", request.segment().name())
                    .put("instrument", request.instrument())
                    .put("interval", Integer.toString(request.intervalMinutes()))
                    .put("oi", request.openInterest())
                    // Midnight to midnight: one live note saw a 09:15:00 fromDate drop the 09:15 bar.
                    .put("fromDate", DATE_TIME.format(window[0].atStartOfDay()))
                    .put("toDate", DATE_TIME.format(window[1].plusDays(1).atStartOfDay()));
            Candles candles;
            try {
                DhanPost.Answer answer = post.post("/charts/intraday", body);
                candles = ChartsAnswers.candles(answer.call(), answer.status(), answer.body());
            } catch (MalformedAnswerException e) {
                malformedIntraday.increment();
                throw e;
            }
            parts.add(ChartWindows.trim(candles, window[0], window[1]));
        }
        return ChartWindows.concatCandles(parts);
    }

    /**
     * Whether Dhan answered "no data" rather than failing: DH-907 is "bad parameters or no data" (§1.6), and
     * §7.3 expects it for holiday-only ranges. The caller decides what that means for its days.
     */
    public static boolean isNoData(MarketDataException e) {
        return e.kind() == Kind.BAD_RESPONSE && e.answer().contains("DH-907");
    }

    /** Answers found malformed and not returned, per endpoint ({@code rollingoption}, {@code intraday}). */
    public long malformedCount(String endpoint) {
        return switch (endpoint) {
            case ROLLING_OPTION -> malformedRollingOption.sum();
            case INTRADAY -> malformedIntraday.sum();
            default -> throw new IllegalArgumentException("unknown endpoint " + endpoint);
        };
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String endpoint : List.of(ROLLING_OPTION, INTRADAY)) {
            FunctionCounter.builder("livechain.dhan.charts.malformed", this, c -> c.malformedCount(endpoint))
                    .description("Answers of Dhan's chart endpoints rejected as malformed or partial; none of such an "
                            + "answer is stored")
                    .tag("endpoint", endpoint)
                    .register(registry);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
