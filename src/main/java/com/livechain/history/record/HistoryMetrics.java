package com.livechain.history.record;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code livechain_history_points_total}: rows written to the history (every table); and
 * {@code livechain_history_dropped_total{reason}}: rows that were due and could not be written.
 */
public final class HistoryMetrics {

    private final Counter points;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

    public HistoryMetrics(MeterRegistry registry) {
        this.points = Counter.builder("livechain.history.points")
                .description("Rows written to the market memory (per-interval, per-strike and daily rows)")
                .register(registry);
        for (DropReason reason : DropReason.values()) {
            // Registered up front, so a dashboard sees 0 rather than no series before the first outage.
            dropped.put(reason, Counter.builder("livechain.history.dropped")
                    .description("Rows of the market memory that could not be written, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    void written(int rows) {
        points.increment(rows);
    }

    void dropped(DropReason reason, int rows) {
        dropped.get(reason).increment(rows);
    }

    public double pointsWritten() {
        return points.count();
    }

    public double droppedCount(DropReason reason) {
        return dropped.get(reason).count();
    }
}
