package com.livechain.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Times {@code GET /options/live} from the controller call to the last byte of JSON handed to the
 * container: building the view from the legs (seqlock reads, greeks) and serialising it. Boot's
 * {@code http_server_requests_seconds} adds the filter chain and the network; this one isolates the
 * work the chain's size drives.
 *
 * <p>Prometheus: {@code livechain_options_live_seconds{outcome}} with fixed buckets from 1 ms to 1 s,
 * so a p99 can be computed across instances.
 */
final class LiveChainRequestTimer implements HandlerInterceptor {

    static final String PATH = "/options/live";
    private static final String STARTED = LiveChainRequestTimer.class.getName() + ".started";

    private final Timer success;
    private final Timer clientError;
    private final Timer serverError;

    LiveChainRequestTimer(MeterRegistry registry) {
        this.success = timer(registry, "SUCCESS");
        this.clientError = timer(registry, "CLIENT_ERROR");
        this.serverError = timer(registry, "SERVER_ERROR");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("livechain.options.live")
                .description("Time to build and serialise the chain for GET /options/live")
                .tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1))
                .register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(STARTED, System.nanoTime());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getAttribute(STARTED) instanceof Long started) {
            int status = response.getStatus();
            Timer timer = status >= 500 || ex != null ? serverError : status >= 400 ? clientError : success;
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
