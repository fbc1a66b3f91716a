package com.livechain.dhan.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;
import com.livechain.universe.OptionChainSnapshot;
import com.livechain.chain.OptionType;
import com.livechain.chain.SnapshotLeg;
import com.livechain.chain.UnderlyingRef;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;
import com.livechain.credentials.Redaction;
import com.livechain.dhan.DhanHttp;

/**
 * Dhan's REST calls (API v2): the option-chain expiry list, the option-chain snapshot, and the
 * scrip-master download.
 *
 * <p>Option chain and expiry list share one {@link RequestThrottle}: Dhan allows one option-chain
 * request every 3 s and does not say whether the expiry list counts too (protocol §1.4), so both
 * do. A request refused for the rate limit is retried with a growing backoff before the refusal
 * is thrown.
 *
 * <p>Credentials are read from {@link DhanAccess} on every request, go only into the
 * {@code access-token} and {@code client-id} headers, and are never logged; an error text that
 * happens to echo either is masked.
 */
@Component
public class DhanRestClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DhanRestClient.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final DhanAccess access;
    private final DhanRestProperties properties;
    private final RequestThrottle optionChainThrottle;
    private final RequestThrottle.Sleeper backoffSleeper;
    private final OkHttpClient http;
    private final OkHttpClient download;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Closed with this client when it made it; the application's shared one is closed by its owner. */
    private final DhanHttp own;

    /** On the application's shared Dhan client: one connection pool and dispatcher with the feed. */
    @Autowired
    public DhanRestClient(DhanAccess access, DhanRestProperties properties, DhanHttp shared) {
        this(access, properties, new RequestThrottle(properties.optionChainInterval()), TimeUnit.NANOSECONDS::sleep,
                shared, null);
    }

    /** On a client of its own, closed by {@link #close()}. */
    public DhanRestClient(DhanAccess access, DhanRestProperties properties) {
        this(access, properties, new RequestThrottle(properties.optionChainInterval()), TimeUnit.NANOSECONDS::sleep);
    }

    /** For tests: a throttle on a fake clock and a backoff that need not really sleep. */
    DhanRestClient(DhanAccess access, DhanRestProperties properties, RequestThrottle optionChainThrottle,
                   RequestThrottle.Sleeper backoffSleeper) {
        this(access, properties, optionChainThrottle, backoffSleeper, null, DhanHttp.unmetered());
    }

    private DhanRestClient(DhanAccess access, DhanRestProperties properties, RequestThrottle optionChainThrottle,
                           RequestThrottle.Sleeper backoffSleeper, DhanHttp shared, DhanHttp own) {
        this.access = Objects.requireNonNull(access, "access");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.optionChainThrottle = Objects.requireNonNull(optionChainThrottle, "optionChainThrottle");
        this.backoffSleeper = Objects.requireNonNull(backoffSleeper, "backoffSleeper");
        this.own = own;
        this.http = (shared != null ? shared : own).client().newBuilder()
                .connectTimeout(properties.timeout())
                .readTimeout(properties.timeout())
                .writeTimeout(properties.timeout())
                .callTimeout(properties.timeout())
                .build();
        // Same connection pool and dispatcher; only the whole-call limit differs, since the
        // scrip master is ~100 MB and would not arrive within the REST timeout.
        this.download = http.newBuilder().callTimeout(properties.instrumentsTimeout()).build();
    }

    /** {@code POST /optionchain/expirylist}: the expiries Dhan lists for the underlying, ascending. */
    public List<LocalDate> expiryList(UnderlyingRef underlying) {
        ObjectNode body = json.createObjectNode()
                .put("UnderlyingScrip", underlying.securityId())
                .put("UnderlyingSeg", underlying.segment().name());
        Answer answer = postThrottled("/optionchain/expirylist", body);
        JsonNode data = answer.body().get("data");
        if (data == null || !data.isArray()) {
            throw badResponse(answer, "a \"data\" that is not a list of dates");
        }
        TreeSet<LocalDate> expiries = new TreeSet<>();
        for (JsonNode date : data) {
            String text = date.isString() ? date.stringValue().trim() : date.toString();
            try {
                // ISO dates per the docs; tolerate a time part after a space, as in the scrip master.
                int space = text.indexOf(' ');
                expiries.add(LocalDate.parse(space < 0 ? text : text.substring(0, space)));
            } catch (DateTimeParseException e) {
                throw badResponse(answer, "an expiry that is not a date: " + DhanErrors.abridge(text));
            }
        }
        return List.copyOf(expiries);
    }

    /** {@code POST /optionchain}: Dhan's snapshot of every strike of one expiry. */
    public OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry) {
        ObjectNode body = json.createObjectNode()
                .put("UnderlyingScrip", underlying.securityId())
                .put("UnderlyingSeg", underlying.segment().name())
                .put("Expiry", expiry.toString());
        Answer answer = postThrottled("/optionchain", body);
        JsonNode data = answer.body().get("data");
        if (data == null || !data.isObject()) {
            throw badResponse(answer, "a \"data\" that is not an object");
        }
        JsonNode oc = data.get("oc");
        if (oc == null || !(oc.isObject() || oc.isNull())) {
            throw badResponse(answer, "no \"oc\" object of strikes");
        }
        List<SnapshotLeg> legs = new ArrayList<>();
        if (oc.isObject()) {
            for (Map.Entry<String, JsonNode> entry : oc.properties()) {
                BigDecimal strike;
                try {
                    // Keys are decimal strings such as "25650.000000" (protocol §1.2): parse, never build.
                    strike = StrikePrices.parse(entry.getKey());
                } catch (NumberFormatException e) {
                    throw badResponse(answer, "a strike key that is not a number: " + DhanErrors.abridge(entry.getKey()));
                }
                // Deep out-of-the-money strikes may list only one side.
                addLeg(legs, strike, OptionType.CE, entry.getValue().get("ce"));
                addLeg(legs, strike, OptionType.PE, entry.getValue().get("pe"));
            }
        }
        legs.sort(Comparator.comparing(SnapshotLeg::strike).thenComparing(SnapshotLeg::type));
        return new OptionChainSnapshot(number(data, "last_price"), legs);
    }

    /**
     * {@code GET} the scrip master, without credentials (protocol §2.1). The caller reads the
     * returned stream as it arrives and must close it.
     */
    public InputStream openScripMaster() {
        String call = scripMasterCall();
        Request request;
        try {
            request = new Request.Builder().url(access.instrumentsUrl().toString()).get().build();
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(call, "nothing: the instruments URL is not an http(s) URL",
                    Kind.BAD_RESPONSE, e);
        }
        Response response;
        try {
            response = download.newCall(request).execute();
        } catch (IOException e) {
            throw unreachable(call, e, properties.timeout());
        }
        if (!response.isSuccessful()) {
            try (response) {
                String text = readQuietly(response);
                int code = response.code();
                Kind kind = code >= 500 || code == 429 ? Kind.UNAVAILABLE : Kind.BAD_RESPONSE;
                throw new MarketDataException(call, code + (text.isBlank() ? "" : ": " + DhanErrors.abridge(text)), kind);
            }
        }
        return response.body().byteStream();
    }

    /** How errors name the scrip-master download: {@code GET <instruments url>}. */
    public String scripMasterCall() {
        return "GET " + access.instrumentsUrl();
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }

    /** A successful answer: the call it answers and its JSON object body. */
    private record Answer(String call, int status, JsonNode body) {
    }

    private Answer postThrottled(String path, ObjectNode body) {
        HttpUrl url = restUrl(path);
        String call = "POST " + url.encodedPath();
        for (int retry = 0; ; retry++) {
            try {
                optionChainThrottle.acquire();
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
                if (retry >= properties.rateLimitRetries()) {
                    throw retry == 0 ? e : new MarketDataException(e.call(),
                            e.answer() + " (still after " + retry + " retries)", Kind.RATE_LIMIT, e);
                }
                Duration backoff = properties.rateLimitBackoff().multipliedBy(retry + 1L);
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
            throw masked(unreachable(call, e, properties.timeout()), credentials);
        }
        log.debug("{} -> {} in {} ms", call, status, (System.nanoTime() - start) / 1_000_000);
        JsonNode parsed = parse(text);
        boolean ok = status >= 200 && status < 300;
        if (ok && parsed != null && parsed.isObject() && isSuccess(parsed)) {
            return new Answer(call, status, parsed);
        }
        if (ok && (parsed == null || !parsed.isObject())) {
            throw masked(new MarketDataException(call, status + " with a body that is not a JSON object: "
                    + DhanErrors.abridge(text), Kind.BAD_RESPONSE), credentials);
        }
        throw masked(DhanErrors.of(call, status, parsed, text), credentials);
    }

    /** Success unless Dhan says otherwise: the docs' samples carry {@code "status":"success"}. */
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

    private static void addLeg(List<SnapshotLeg> legs, BigDecimal strike, OptionType type, JsonNode leg) {
        if (leg == null || !leg.isObject()) {
            return;
        }
        legs.add(new SnapshotLeg(strike, type, count(leg, "security_id"),
                price(leg, "last_price"), price(leg, "previous_close_price"),
                count(leg, "oi"), count(leg, "previous_oi"), count(leg, "volume"),
                price(leg, "top_bid_price"), count(leg, "top_bid_quantity"),
                price(leg, "top_ask_price"), count(leg, "top_ask_quantity")));
    }

    /**
     * A price, or NaN when there is none. Dhan writes 0 for a contract that has not traded or has no
     * bid/ask; no option trades at exactly 0, and the contract shows a price never received as null.
     */
    private static double price(JsonNode object, String field) {
        double value = number(object, field);
        return value > 0 ? value : Double.NaN;
    }

    /** A price, or NaN when Dhan did not send it. */
    private static double number(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isString()) {
            try {
                return Double.parseDouble(node.stringValue().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A quantity or id, or -1 when Dhan did not send it. */
    private static long count(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        double value = number(object, field);
        return Double.isNaN(value) ? -1 : (long) value;
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

    private static MarketDataException badResponse(Answer answer, String what) {
        return new MarketDataException(answer.call(), answer.status() + " with " + what, Kind.BAD_RESPONSE);
    }

    /** Masks the credentials should an answer echo them; keeps the original when nothing needs masking. */
    private static MarketDataException masked(MarketDataException e, DhanCredentials credentials) {
        String answer = Redaction.redact(e.answer(), credentials.accessToken(), credentials.clientId());
        if (answer.equals(e.answer())) {
            return e;
        }
        // The cause may carry the unmasked text, so it is dropped.
        return new MarketDataException(e.call(), answer, e.kind());
    }

    private static String readQuietly(Response response) {
        try {
            return response.body().string();
        } catch (IOException e) {
            return "";
        }
    }
}
