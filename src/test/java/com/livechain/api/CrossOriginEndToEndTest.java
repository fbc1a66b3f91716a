package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code livechain.cors.allowed-origins} against the running app, as a browser speaks it: preflights
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}), the cross-origin requests
 * that follow, and the {@code /ws/options} handshake, each from a listed origin and from one that is not.
 */
class CrossOriginEndToEndTest extends CrossOriginApp {

    static final String ELSEWHERE = "http://evil.example";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return send(request);
    }

    @Test
    void aPreflightFromAListedOriginIsAllowed() throws Exception {
        HttpResponse<String> response = preflight("/options/live?underlying=NIFTY", ALLOWED.origin(), "GET", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED.origin());
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(List.of(methods.split(",\\s*"))).contains("GET"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("1800");
        // Every listed origin, not just the first.
        assertThat(preflight("/options/underlyings", DEV_SERVER, "GET", null).headers()
                .firstValue("Access-Control-Allow-Origin")).contains(DEV_SERVER);
    }

    @Test
    void thePortfolioAndStrategyPathsTakeTheApiKeyAndAJsonBodyFromAListedOrigin() throws Exception {
        HttpResponse<String> portfolio = preflight("/portfolio", ALLOWED.origin(), "GET", "authorization");
        HttpResponse<String> strategy = preflight("/strategy/payoff", ALLOWED.origin(), "POST",
                "authorization, content-type");

        for (HttpResponse<String> response : List.of(portfolio, strategy)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED.origin());
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .contains("authorization");
        }
        assertThat(strategy.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("content-type");
        assertThat(strategy.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void aPreflightFromAnOriginNotListedIsRefused() throws Exception {
        HttpResponse<String> response = preflight("/options/live?underlying=NIFTY", ELSEWHERE, "GET", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // A listed origin with another port is another origin.
        assertThat(preflight("/options/live", "http://localhost:5174", "GET", null).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        // Nothing outside the API's paths is opened, not even to a listed origin.
        assertThat(preflight("/actuator/health", ALLOWED.origin(), "GET", null).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aListedOriginReadsTheChainAndTheRetryAfterOfAProblem() throws Exception {
        HttpResponse<String> chain = send(request("/options/live?underlying=NIFTY&strikes=2").header("Origin", ALLOWED.origin()));

        assertThat(chain.statusCode()).isEqualTo(200);
        assertThat(chain.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED.origin());
        assertThat(chain.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
        assertThat(JsonMapper.shared().readTree(chain.body()).path("underlying").path("symbol").asString()).isEqualTo("NIFTY");
        // Retry-After is not CORS-safelisted: without the exposure a frontend could not read it off a 503.
        assertThat(chain.headers().firstValue("Access-Control-Expose-Headers")).contains("Retry-After");

        HttpResponse<String> problem = send(request("/options/live?underlying=NIFTY&expiry=tomorrow")
                .header("Origin", ALLOWED.origin()));
        assertThat(problem.statusCode()).isEqualTo(400);
        assertThat(problem.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED.origin());
    }

    @Test
    void aRequestFromAnOriginNotListedGetsNoAllowOriginAndRequestsWithoutOneAreUnchanged() throws Exception {
        HttpResponse<String> refused = send(request("/options/live?underlying=NIFTY").header("Origin", ELSEWHERE));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.body()).doesNotContain("NIFTY");

        // curl, scrapers and the page itself send no Origin, or their own: they are not CORS requests.
        HttpResponse<String> plain = send(request("/options/live?underlying=NIFTY&strikes=2"));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> sameOrigin = send(request("/options/live?underlying=NIFTY&strikes=2")
                .header("Origin", "http://127.0.0.1:" + port));
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
    }

    /** Opens {@code /ws/options} with {@code origin}; the first message, or the handshake's failure. */
    CompletableFuture<String> handshake(String origin) {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    first.complete(text.toString());
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                }
                socket.request(1);
                return null;
            }
        };
        HTTP.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/options"), listener)
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        first.completeExceptionally(failure);
                    } else {
                        socket.sendText("{\"underlying\":\"NIFTY\"}", true);
                    }
                });
        return first;
    }

    @Test
    void theWebSocketHandshakeAcceptsAListedOriginAndRefusesAnother() throws Exception {
        String snapshot = handshake(ALLOWED.origin()).get(20, TimeUnit.SECONDS);
        assertThat(JsonMapper.shared().readTree(snapshot).path("type").asString()).isEqualTo("snapshot");
        assertThat(handshake(DEV_SERVER).get(20, TimeUnit.SECONDS)).contains("\"snapshot\"");

        Throwable refused = catchThrowable(() -> handshake(ELSEWHERE).get(20, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(ExecutionException.class);
        assertThat(handshakeFailure(refused).getResponse().statusCode()).isEqualTo(403);
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                return handshake;
            }
        }
        throw new AssertionError("not a refused handshake", t);
    }
}
