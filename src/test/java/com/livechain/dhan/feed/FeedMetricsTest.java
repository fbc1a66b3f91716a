package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class FeedMetricsTest {

    @Test
    void countersArePublishedUnderTheirPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FeedMetrics metrics = new FeedMetrics();
        metrics.bindTo(registry);

        metrics.packet(8);
        metrics.packet(8);
        metrics.countMalformed(FeedMetrics.Malformed.PAST_FRAME_END);
        metrics.applied(true);
        metrics.applied(false);
        metrics.reconnect();
        metrics.stall();
        metrics.disconnect(807);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("livechain_feed_packets_total{code=\"8\"} 2.0")
                .contains("livechain_feed_packets_total{code=\"2\"} 0.0")
                .contains("livechain_feed_malformed_packets_total{reason=\"past_frame_end\"} 1.0")
                .contains("livechain_feed_malformed_packets_total{reason=\"unknown_code\"} 0.0")
                .contains("livechain_feed_unknown_instruments_total 1.0")
                .contains("livechain_feed_reconnects_total 1.0")
                .contains("livechain_feed_stalls_total 1.0")
                .contains("livechain_feed_disconnects_total{code=\"807\"} 1.0");
    }
}
