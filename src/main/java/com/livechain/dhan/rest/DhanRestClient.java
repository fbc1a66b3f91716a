package com.livechain.dhan.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.chain.UnderlyingRef;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.DhanHttp;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;
import com.livechain.universe.OptionChainSnapshot;

/**
 * Dhan's REST calls (API v2): the option-chain expiry list, the option-chain snapshot, and the
 * scrip-master download.
 *
 * <p>Option chain and expiry list share one {@link RequestThrottle}: Dhan allows one option-chain
 * request every 3 s and does not say whether the expiry list counts too (protocol §1.4), so both
 * do. A request refused for the rate limit is retried with a growing backoff before the refusal
 * is thrown ({@link DhanPost}); the answers are read by {@link OptionChainAnswers}.
 *
 * <p>Credentials are read from {@link DhanAccess} on every request, go only into the
 * {@code access-token} and {@code client-id} headers, and are never logged; an error text that
 * happens to echo either is masked.
 */
@Component
public class DhanRestClient implements AutoCloseable {

    private final DhanAccess access;
    private final DhanRestProperties properties;
    private final OkHttpClient download;
    private final JsonMapper json = JsonMapper.builder().build();
    private final DhanPost post;

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
        this.own = own;
        OkHttpClient http = (shared != null ? shared : own).client().newBuilder()
                .connectTimeout(properties.timeout())
                .readTimeout(properties.timeout())
                .writeTimeout(properties.timeout())
                .callTimeout(properties.timeout())
                .build();
        // Same connection pool and dispatcher; only the whole-call limit differs, since the
        // scrip master is ~100 MB and would not arrive within the REST timeout.
        this.download = http.newBuilder().callTimeout(properties.instrumentsTimeout()).build();
        this.post = new DhanPost(access, properties, http, json, optionChainThrottle, backoffSleeper);
    }

    /** {@code POST /optionchain/expirylist}: the expiries Dhan lists for the underlying, ascending. */
    public List<LocalDate> expiryList(UnderlyingRef underlying) {
        ObjectNode body = json.createObjectNode()
                .put("UnderlyingScrip", underlying.securityId())
                .put("UnderlyingSeg", underlying.segment().name());
        return OptionChainAnswers.expiries(post.post("/optionchain/expirylist", body));
    }

    /** {@code POST /optionchain}: Dhan's snapshot of every strike of one expiry. */
    public OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry) {
        ObjectNode body = json.createObjectNode()
                .put("UnderlyingScrip", underlying.securityId())
                .put("UnderlyingSeg", underlying.segment().name())
                .put("Expiry", expiry.toString());
        return OptionChainAnswers.snapshot(post.post("/optionchain", body));
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
            throw DhanPost.unreachable(call, e, properties.timeout());
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

    private static String readQuietly(Response response) {
        try {
            return response.body().string();
        } catch (IOException e) {
            return "";
        }
    }
}
