package com.livechain.dhan.rest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.credentials.Redaction;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.TokenClaims;
import com.livechain.market.MarketHours;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

/**
 * Dhan's token calls (protocol §6.1): {@code GET /v2/RenewToken}, {@code GET /v2/profile} and
 * {@code POST /app/generateAccessToken} on the auth host.
 *
 * <p>Secrets go only where Dhan reads them: the token in the {@code access-token} header, the PIN and TOTP code
 * in generateAccessToken's query string (which is why no URL is ever put in a message: calls are named by path
 * only). Anything Dhan's answer echoes of them is masked.
 */
public final class DhanAuthClient {

    static final String RENEW_PATH = "/RenewToken";
    static final String PROFILE_PATH = "/profile";
    static final String GENERATE_PATH = "/app/generateAccessToken";
    // §6.4: "30/03/2025 15:37".
    private static final DateTimeFormatter TOKEN_VALIDITY = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");

    private final URI restUrl;
    private final URI authUrl;
    private final Duration timeout;
    private final OkHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param restUrl the REST base, e.g. {@code https://api.dhan.co/v2}
     * @param authUrl the auth host, e.g. {@code https://auth.dhan.co}
     */
    public DhanAuthClient(URI restUrl, URI authUrl, Duration timeout) {
        this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
        this.authUrl = Objects.requireNonNull(authUrl, "authUrl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
    }

    /**
     * {@code GET /v2/RenewToken}: a new token for a still-valid web token; Dhan revokes the old one (§6.3).
     * The client id goes in {@code dhanClientId}, not in {@code client-id} as on the data APIs.
     */
    public IssuedToken renew(DhanCredentials credentials) {
        HttpUrl url = join(restUrl, RENEW_PATH);
        String call = "GET " + url.encodedPath();
        Request request = new Request.Builder().url(url)
                .header("access-token", credentials.accessToken().strip())
                .header("dhanClientId", credentials.clientId().strip())
                .header("Accept", "application/json")
                .get().build();
        return issued(call, execute(call, request, credentials.accessToken(), credentials.clientId()),
                credentials.accessToken(), credentials.clientId());
    }

    /** {@code GET /v2/profile}: proves a token works, and says until when. */
    public DhanProfile profile(DhanCredentials credentials) {
        HttpUrl url = join(restUrl, PROFILE_PATH);
        String call = "GET " + url.encodedPath();
        Request request = new Request.Builder().url(url)
                .header("access-token", credentials.accessToken().strip())
                // DhanHQ-py sends it too; the docs need only the token.
                .header("dhanClientId", credentials.clientId().strip())
                .header("Accept", "application/json")
                .get().build();
        JsonNode body = execute(call, request, credentials.accessToken(), credentials.clientId());
        return new DhanProfile(text(body, "dhanClientId"), tokenValidity(text(body, "tokenValidity")));
    }

    /**
     * {@code POST /app/generateAccessToken?dhanClientId&pin&totp} on the auth host, no body (§6.1): a fresh
     * token from the account's PIN and the current TOTP code.
     */
    public IssuedToken generate(String clientId, String pin, String totp) {
        HttpUrl url = join(authUrl, GENERATE_PATH).newBuilder()
                .addQueryParameter("dhanClientId", clientId.strip())
                .addQueryParameter("pin", pin)
                .addQueryParameter("totp", totp)
                .build();
        String call = "POST " + url.encodedPath();
        Request request = new Request.Builder().url(url)
                .header("Accept", "application/json")
                .post(RequestBody.create(new byte[0]))
                .build();
        return issued(call, execute(call, request, pin, totp, clientId), pin, totp, clientId);
    }

    /**
     * The token object of §6.2; RenewToken's answer may name the token {@code accessToken} or {@code token}
     * (§6.3, sources disagree), so both are read.
     */
    private IssuedToken issued(String call, JsonNode body, String... secrets) {
        String token = text(body, "accessToken");
        if (token == null) {
            token = text(body, "token");
        }
        if (token == null) {
            throw new MarketDataException(call, "200 without a token (neither \"accessToken\" nor \"token\"); fields: "
                    + mask(DhanErrors.abridge(String.join(",", body.propertyNames())), secrets), Kind.BAD_RESPONSE);
        }
        Instant expires = expiryTime(text(body, "expiryTime"));
        if (expires == null) {
            expires = TokenClaims.parse(token).map(TokenClaims::expiresAt).orElse(null);
        }
        return new IssuedToken(token, expires, text(body, "dhanClientId"));
    }

    /** §6.2: ISO local date-time "as per IST", with or without milliseconds; null when absent or unreadable. */
    static Instant expiryTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(MarketHours.IST).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant tokenValidity(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), TOKEN_VALIDITY).atZone(MarketHours.IST).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private JsonNode execute(String call, Request request, String... secrets) {
        int status;
        String text;
        try (Response response = http.newCall(request).execute()) {
            status = response.code();
            text = response.body().string();
        } catch (IOException e) {
            // The exception's message may quote the URL, and so the PIN and TOTP code: say only what happened.
            String what = e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()
                    ? "nothing within " + timeout.toMillis() + " ms (timed out)"
                    : "nothing: " + e.getClass().getSimpleName();
            throw new MarketDataException(call, what, Kind.UNAVAILABLE);
        }
        JsonNode parsed = parse(text);
        boolean ok = status >= 200 && status < 300;
        if (ok && parsed != null && parsed.isObject() && parsed.get("errorCode") == null
                && !"failure".equalsIgnoreCase(text(parsed, "status")) && !"error".equalsIgnoreCase(text(parsed, "status"))) {
            return parsed;
        }
        MarketDataException error = ok && (parsed == null || !parsed.isObject())
                ? new MarketDataException(call, status + " with a body that is not a JSON object: "
                        + DhanErrors.abridge(text), Kind.BAD_RESPONSE)
                : DhanErrors.of(call, status, parsed, text);
        // generateAccessToken's errors are undocumented (§6.2); some clients read "message", so this does too.
        String answer = error.answer();
        String message = parsed != null && parsed.isObject() && parsed.get("errorMessage") == null ? text(parsed, "message") : null;
        if (message != null) {
            answer = answer + ": " + DhanErrors.abridge(message);
        }
        // A new exception either way: the cause is never kept, as it could carry unmasked text.
        throw new MarketDataException(call, mask(answer, secrets), error.kind());
    }

    /** One redactor for every credential (credentials.Redaction): the given secrets and anything shaped like one. */
    private static String mask(String text, String... secrets) {
        return Redaction.redact(text, secrets);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue().strip() : null;
    }

    private static HttpUrl join(URI base, String path) {
        String text = base.toString();
        HttpUrl url = HttpUrl.parse((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
        if (url == null) {
            throw new MarketDataException("GET " + path, "nothing: " + base + " is not an http(s) URL", Kind.BAD_RESPONSE);
        }
        return url;
    }
}
