package com.livechain.dhan.rest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;
import com.livechain.market.MarketHours;
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
 * and none of it is returned. Credentials go only into the headers and are masked should an answer echo them.
 */
@Component
public class DhanChartsClient implements MeterBinder, AutoCloseable {

    /** Dhan's documented window of one rolling-option call (§7.5: "upto 30 days of data in a single API call"). */
    public static final int ROLLING_OPTION_DAYS = 30;
    /** Dhan's window of one intraday call (§7.2: 90 days; more is refused with DH-905). */
    public static final int INTRADAY_DAYS = 90;

    static final String ROLLING_OPTION = "rollingoption";
    static final String INTRADAY = "intraday";

    private static final Logger log = LoggerFactory.getLogger(DhanChartsClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final DhanAccess access;
    private final DhanRestProperties rest;
    private final RequestThrottle throttle;
    private final RequestThrottle.Sleeper backoffSleeper;
    private final OkHttpClient http;
    // Reads NaN and Infinity as numbers, so an answer carrying them is reported as such, not as "not JSON".
    private final JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final LongAdder malformedRollingOption = new LongAdder();
    private final LongAdder malformedIntraday = new LongAdder();

    @Autowired
    public DhanChartsClient(DhanAccess access, DhanRestProperties rest, DhanChartsProperties charts) {
        this(access, rest, new RequestThrottle(charts.interval()), TimeUnit.NANOSECONDS::sleep);
    }

    /** For tests: a throttle on a fake clock and a backoff that need not really sleep. */
    DhanChartsClient(DhanAccess access, DhanRestProperties rest, RequestThrottle throttle,
                     RequestThrottle.Sleeper backoffSleeper) {
        this.access = Objects.requireNonNull(access, "access");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.backoffSleeper = Objects.requireNonNull(backoffSleeper, "backoffSleeper");
        this.http = new OkHttpClient.Builder()
                .connectTimeout(rest.timeout())
                .readTimeout(rest.timeout())
                .writeTimeout(rest.timeout())
                .callTimeout(rest.timeout())
                .build();
    }

    /**
     * The rolling-option series of {@code request}, its days from {@code from} to {@code to} inclusive, in as
     * many 30-day calls as it takes. Days without trading simply have no bars. Throws on the first call that
     * fails; nothing of the calls before it is returned either.
     */
    public RollingOptionSeries rollingOption(RollingOptionRequest request) {
        List<RollingOptionSeries> parts = new ArrayList<>();
        for (LocalDate[] window : windows(request.from(), request.to(), ROLLING_OPTION_DAYS)) {
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
                Answer answer = postThrottled("/charts/rollingoption", body);
                series = ChartsAnswers.rollingOption(answer.call(), answer.status(), answer.body(), part);
            } catch (MalformedAnswerException e) {
                malformedRollingOption.increment();
                throw e;
            }
            parts.add(trim(series, part.from(), part.to()));
        }
        return concatRolling(request, parts);
    }

    /**
     * Intraday candles of {@code request}, its days from {@code from} to {@code to} inclusive, in as many 90-day
     * calls as it takes. Throws on the first call that fails.
     */
    public Candles intraday(IntradayRequest request) {
        List<Candles> parts = new ArrayList<>();
        for (LocalDate[] window : windows(request.from(), request.to(), INTRADAY_DAYS)) {
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
                Answer answer = postThrottled("/charts/intraday", body);
                candles = ChartsAnswers.candles(answer.call(), answer.status(), answer.body());
            } catch (MalformedAnswerException e) {
                malformedIntraday.increment();
                throw e;
            }
            parts.add(trim(candles, window[0], window[1]));
        }
        return concatCandles(parts);
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

    /** [from, to] cut into consecutive windows of at most {@code days} calendar days. */
    static List<LocalDate[]> windows(LocalDate from, LocalDate to, int days) {
        List<LocalDate[]> windows = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = start.plusDays(days - 1L);
            if (end.isAfter(to)) {
                end = to;
            }
            windows.add(new LocalDate[] {start, end});
            start = end.plusDays(1);
        }
        return windows;
    }

    private static RollingOptionSeries trim(RollingOptionSeries series, LocalDate from, LocalDate to) {
        int[] range = range(series.timestamps(), from, to);
        if (range[0] == 0 && range[1] == series.size()) {
            return series;
        }
        Map<RollingField, double[]> values = new EnumMap<>(RollingField.class);
        series.series().forEach((field, array) -> values.put(field, slice(array, range)));
        return new RollingOptionSeries(series.type(), slice(series.timestamps(), range), values);
    }

    private static Candles trim(Candles candles, LocalDate from, LocalDate to) {
        int[] range = range(candles.timestamps(), from, to);
        if (range[0] == 0 && range[1] == candles.size()) {
            return candles;
        }
        return new Candles(slice(candles.timestamps(), range), slice(candles.open(), range),
                slice(candles.high(), range), slice(candles.low(), range), slice(candles.close(), range),
                slice(candles.volume(), range), candles.openInterest() == null ? null : slice(candles.openInterest(), range));
    }

    /** [first, end) of the ascending timestamps whose IST date lies in [from, to]. */
    private static int[] range(long[] timestamps, LocalDate from, LocalDate to) {
        long start = from.atStartOfDay(MarketHours.IST).toEpochSecond();
        long end = to.plusDays(1).atStartOfDay(MarketHours.IST).toEpochSecond();
        int first = 0;
        while (first < timestamps.length && timestamps[first] < start) {
            first++;
        }
        int last = first;
        while (last < timestamps.length && timestamps[last] < end) {
            last++;
        }
        return new int[] {first, last};
    }

    private static double[] slice(double[] array, int[] range) {
        return java.util.Arrays.copyOfRange(array, range[0], range[1]);
    }

    private static long[] slice(long[] array, int[] range) {
        return java.util.Arrays.copyOfRange(array, range[0], range[1]);
    }

    private static RollingOptionSeries concatRolling(RollingOptionRequest request, List<RollingOptionSeries> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(RollingOptionSeries::size).sum();
        long[] timestamps = new long[n];
        Map<RollingField, double[]> values = new EnumMap<>(RollingField.class);
        for (RollingField field : request.fields()) {
            values.put(field, new double[n]);
        }
        int at = 0;
        for (RollingOptionSeries part : parts) {
            System.arraycopy(part.timestamps(), 0, timestamps, at, part.size());
            for (RollingField field : request.fields()) {
                System.arraycopy(part.values(field), 0, values.get(field), at, part.size());
            }
            at += part.size();
        }
        return new RollingOptionSeries(request.type(), timestamps, values);
    }

    private static Candles concatCandles(List<Candles> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(Candles::size).sum();
        boolean oi = parts.stream().allMatch(p -> p.openInterest() != null);
        Candles out = new Candles(new long[n], new double[n], new double[n], new double[n], new double[n],
                new double[n], oi ? new double[n] : null);
        int at = 0;
        for (Candles part : parts) {
            int size = part.size();
            System.arraycopy(part.timestamps(), 0, out.timestamps(), at, size);
            System.arraycopy(part.open(), 0, out.open(), at, size);
            System.arraycopy(part.high(), 0, out.high(), at, size);
            System.arraycopy(part.low(), 0, out.low(), at, size);
            System.arraycopy(part.close(), 0, out.close(), at, size);
            System.arraycopy(part.volume(), 0, out.volume(), at, size);
            if (oi) {
                System.arraycopy(part.openInterest(), 0, out.openInterest(), at, size);
            }
            at += size;
        }
        return out;
    }

    /** A successful answer: the call it answers, its HTTP status and its JSON body. */
    private record Answer(String call, int status, JsonNode body) {
    }

    private Answer postThrottled(String path, ObjectNode body) {
        HttpUrl url = restUrl(path);
        String call = "POST " + url.encodedPath();
        for (int retry = 0; ; retry++) {
            try {
                throttle.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MarketDataException(call, "nothing: interrupted while waiting for the rate limit",
                        Kind.UNAVAILABLE, e);
            }
            try {
                return post(url, call, body);
            } catch (MarketDataException e) {
                if (e.kind() != Kind.RATE_LIMIT) {
                    throw e;
                }
                if (retry >= rest.rateLimitRetries()) {
                    throw retry == 0 ? e : new MarketDataException(e.call(),
                            e.answer() + " (still after " + retry + " retries)", Kind.RATE_LIMIT, e);
                }
                Duration backoff = rest.rateLimitBackoff().multipliedBy(retry + 1L);
                log.info("{} answered {}; retrying in {} ms", e.call(), e.answer(), backoff.toMillis());
                try {
                    backoffSleeper.sleepNanos(backoff.toNanos());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Answer post(HttpUrl url, String call, ObjectNode body) {
        DhanCredentials credentials = access.credentials()
                .orElseThrow(() -> new MarketDataException(call,
                        "no Dhan credentials configured (set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN)",
                        Kind.AUTHENTICATION));
        String clientId = credentials.clientId() == null ? "" : credentials.clientId().strip();
        String token = credentials.accessToken() == null ? "" : credentials.accessToken().strip();
        if (clientId.isEmpty() || token.isEmpty()) {
            throw new MarketDataException(call, "no Dhan credentials configured (the "
                    + (token.isEmpty() ? "access token" : "client id") + " is empty)", Kind.AUTHENTICATION);
        }
        // OkHttp's own rejection of a bad header value quotes the value: check first, name only the setting.
        if (!headerSafe(token) || !headerSafe(clientId)) {
            throw new MarketDataException(call, "no request sent: the configured "
                    + (headerSafe(token) ? "client id" : "access token")
                    + " contains characters an HTTP header cannot carry", Kind.AUTHENTICATION);
        }
        Request request = new Request.Builder()
                .url(url)
                .header("access-token", token)
                .header("client-id", clientId)
                .header("Accept", "application/json")
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON))
                .build();
        long start = System.nanoTime();
        int status;
        String text;
        try (Response response = http.newCall(request).execute()) {
            status = response.code();
            text = response.body().string();
        } catch (IOException e) {
            throw masked(unreachable(call, e, rest.timeout()), credentials);
        }
        log.debug("{} -> {} in {} ms, {} bytes", call, status, (System.nanoTime() - start) / 1_000_000, text.length());
        JsonNode parsed = parse(text);
        boolean ok = status >= 200 && status < 300;
        if (ok && parsed != null && parsed.isObject() && isSuccess(parsed)) {
            return new Answer(call, status, parsed);
        }
        if (ok && (parsed == null || !parsed.isObject())) {
            throw masked(new MalformedAnswerException(call, status + " with a body that is not a JSON object: "
                    + DhanErrors.abridge(text)), credentials);
        }
        throw masked(DhanErrors.of(call, status, parsed, text), credentials);
    }

    /**
     * The chart answers are bare objects (§7): success unless they carry an error code or a status other than
     * success, as the Data-API failure {@code {"data":{"814":"Invalid Request"},"status":"failed"}} does.
     */
    private static boolean isSuccess(JsonNode body) {
        JsonNode status = body.get("status");
        boolean saysFailure = status != null && status.isString() && !"success".equalsIgnoreCase(status.stringValue());
        return !saysFailure && body.get("errorCode") == null;
    }

    private HttpUrl restUrl(String path) {
        String base = access.restUrl().toString();
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        HttpUrl url = HttpUrl.parse(joined);
        if (url == null) {
            throw new MarketDataException("POST " + path, "nothing: the REST URL " + base + " is not an http(s) URL",
                    Kind.BAD_RESPONSE);
        }
        return url;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean headerSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return false;
            }
        }
        return true;
    }

    private static MarketDataException unreachable(String call, IOException e, Duration timeout) {
        if (e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()) {
            return new MarketDataException(call, "nothing within " + timeout.toMillis() + " ms (timed out)",
                    Kind.UNAVAILABLE, e);
        }
        return new MarketDataException(call, "nothing: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), Kind.UNAVAILABLE, e);
    }

    /** Masks the credentials should an answer echo them; keeps the original when nothing needs masking. */
    private static MarketDataException masked(MarketDataException e, DhanCredentials credentials) {
        String answer = mask(mask(e.answer(), credentials.accessToken()), credentials.clientId());
        if (answer.equals(e.answer())) {
            return e;
        }
        // The cause may carry the unmasked text, so it is dropped.
        return e instanceof MalformedAnswerException ? new MalformedAnswerException(e.call(), answer)
                : new MarketDataException(e.call(), answer, e.kind());
    }

    private static String mask(String text, String secret) {
        if (secret == null || secret.strip().length() < 4) {
            return text;
        }
        return text.replace(secret.strip(), "****");
    }
}
