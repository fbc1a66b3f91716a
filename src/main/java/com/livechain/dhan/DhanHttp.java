package com.livechain.dhan;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpConnectionPoolMetrics;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * The one {@link OkHttpClient} livechain talks to Dhan with. OkHttp's advice is a single client per
 * application: each holds its own connection pool and dispatcher threads, so the REST client and the feed
 * derive theirs from this one with {@link OkHttpClient#newBuilder()}, changing only timeouts and pings.
 * The dispatcher's threads are also the feed's reader threads (OkHttp reads each WebSocket on the thread
 * that opened it), so its executor metrics show the feed connections as active threads.
 *
 * <p>With a registry, every call is timed as {@value #REQUESTS} with {@code method}, {@code status},
 * {@code outcome} and {@code uri} tags. The {@code uri} is the URL's path: Dhan's paths have no variables
 * ({@code /v2/optionchain}), so the path is its own template; it never includes the query string, and the
 * credentials travel in headers, never in a tag. A WebSocket must not use {@link #client()} as is (its
 * URL carries the token as a query parameter, and its call lasts as long as the socket): use
 * {@link #webSocketClient()}.
 */
public final class DhanHttp implements AutoCloseable {

    /** The timer of Dhan calls, {@code livechain_dhan_requests_seconds} in Prometheus. */
    public static final String REQUESTS = "livechain.dhan.requests";
    /** The {@code name} tag of the dispatcher's {@code executor_*} metrics. */
    public static final String DISPATCHER = "okhttp-dispatcher";

    private final OkHttpClient client;

    private DhanHttp(OkHttpClient client) {
        this.client = client;
    }

    /** A client that records nothing, for tests and tools that run without a registry. */
    public static DhanHttp unmetered() {
        return new DhanHttp(new OkHttpClient());
    }

    /** A client whose calls, dispatcher and connection pool are measured in {@code registry}. */
    public static DhanHttp metered(MeterRegistry registry) {
        OkHttpClient client = new OkHttpClient.Builder()
                .eventListener(OkHttpMetricsEventListener.builder(registry, REQUESTS)
                        .uriMapper(request -> request.url().encodedPath())
                        .build())
                .build();
        // No extra tags: Prometheus wants every executor_* series to carry the same label names.
        new ExecutorServiceMetrics(client.dispatcher().executorService(), DISPATCHER, List.of()).bindTo(registry);
        new OkHttpConnectionPoolMetrics(client.connectionPool()).bindTo(registry);
        return new DhanHttp(client);
    }

    /** The shared client, for REST calls; derive one with other timeouts through {@code newBuilder()}. */
    public OkHttpClient client() {
        return client;
    }

    /** The shared pool and dispatcher without the call timer, for WebSockets (see the class comment). */
    public OkHttpClient webSocketClient() {
        return client.newBuilder().eventListener(EventListener.NONE).build();
    }

    /** Stops the dispatcher's threads and closes idle connections; the users' calls are over by then. */
    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
