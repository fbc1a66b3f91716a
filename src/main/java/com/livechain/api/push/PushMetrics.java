package com.livechain.api.push;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The push's meters: sessions open, messages sent by type, slow sessions closed, and the lag from render to socket. */
final class PushMetrics {

    final Counter snapshotsSent;
    final Counter deltasSent;
    final Counter errorsSent;
    final Counter slowClosed;
    private final Timer lag;

    PushMetrics(MeterRegistry meters, Map<String, PushSession> sessions) {
        Gauge.builder("livechain.browser.sessions", sessions, Map::size)
                .description("Open browser sessions on /ws/options")
                .register(meters);
        this.snapshotsSent = sent(meters, "snapshot");
        this.deltasSent = sent(meters, "delta");
        this.errorsSent = sent(meters, "error");
        this.slowClosed = Counter.builder("livechain.push.slow.closed")
                .description("Browser sessions closed because they stopped reading")
                .register(meters);
        this.lag = Timer.builder("livechain.push.lag")
                .description("From rendering a change to its message being written to a browser's socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    private static Counter sent(MeterRegistry meters, String type) {
        return Counter.builder("livechain.push.messages")
                .description("Messages sent to browser sessions on /ws/options")
                .tag("type", type)
                .register(meters);
    }

    /** A message rendered at {@code renderedNanos} was written to a socket just now. */
    void delivered(Counter type, long renderedNanos) {
        type.increment();
        lag.record(System.nanoTime() - renderedNanos, TimeUnit.NANOSECONDS);
    }
}
