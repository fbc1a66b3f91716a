package com.livechain.dhan.rest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.Redaction;
import com.livechain.dhan.DhanAccess;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

/**
 * One call to Dhan's data REST API (API v2) the way both REST clients make it: a JSON {@code POST} carrying the
 * credentials in the {@code access-token} and {@code client-id} headers, spaced by a {@link RequestThrottle},
 * retried with the growing backoff of {@code livechain.dhan.rest.rate-limit-*} while Dhan refuses it for the rate
 * limit (DH-904, or HTTP 429), and its answer accepted only as a JSON object that does not say it failed.
 *
 * <p>Credentials are read from {@link DhanAccess} on every call and never logged; an error text that happens to
 * echo either is masked ({@link Redaction}), and the exception then loses its cause, which may carry it unmasked.
 */
final class DhanPost {

    private static final Logger log = LoggerFactory.getLogger(DhanPost.class);
    private static final MediaType JSON = MediaType.get("application/json");

    /** A successful answer: the call it answers ({@code POST /v2/...}), its HTTP status and its JSON object body. */
    record Answer(String call, int status, JsonNode body) {
    }

    private final DhanAccess access;
    private final DhanRestProperties properties;
    private final OkHttpClient http;
    private final JsonMapper json;
    private final RequestThrottle throttle;
    private final RequestThrottle.Sleeper backoffSleeper;

    /**
     * @param json     writes the request body and reads the answer (the charts read NaN and Infinity as numbers)
     * @param throttle shared by every endpoint that counts against the same Dhan limit
     */
    DhanPost(DhanAccess access, DhanRestProperties properties, OkHttpClient http, JsonMapper json,
             RequestThrottle throttle, RequestThrottle.Sleeper backoffSleeper) {
        this.access = Objects.requireNonNull(access, "access");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.backoffSleeper = Objects.requireNonNull(backoffSleeper, "backoffSleeper");
    }

    /**
     * {@code POST} {@code body} to {@code path} under the REST URL, once the throttle lets it, retrying while it is
     * refused for the rate limit. Throws a {@link MarketDataException} saying what Dhan answered; a 2xx whose body
     * is not a JSON object is a {@link MalformedAnswerException}.
     */
    Answer post(String path, ObjectNode body) {
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
                return postOnce(url, call, body);
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

    /** What a call that got no answer says: timed out within {@code timeout}, or the I/O failure's kind. */
    static MarketDataException unreachable(String call, IOException e, Duration timeout) {
        if (e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()) {
            return new MarketDataException(call, "nothing within " + timeout.toMillis() + " ms (timed out)",
                    Kind.UNAVAILABLE, e);
        }
        return new MarketDataException(call, "nothing: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), Kind.UNAVAILABLE, e);
    }

    private Answer postOnce(HttpUrl url, String call, ObjectNode body) {
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
     * Success unless Dhan says otherwise: the docs' samples carry {@code "status":"success"}, the chart answers are
     * bare objects (§7), and failures carry an error code or a status such as the Data API's
     * {@code {"data":{"814":"Invalid Request"},"status":"failed"}}.
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

    /** Masks the credentials should an answer echo them; keeps the original when nothing needs masking. */
    private static MarketDataException masked(MarketDataException e, DhanCredentials credentials) {
        String answer = Redaction.redact(e.answer(), credentials.accessToken(), credentials.clientId());
        if (answer.equals(e.answer())) {
            return e;
        }
        // The cause may carry the unmasked text, so it is dropped.
        return e instanceof MalformedAnswerException ? new MalformedAnswerException(e.call(), answer)
                : new MarketDataException(e.call(), answer, e.kind());
    }
}
