package com.livechain.history.record;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import com.livechain.history.store.HistoryDatabase;

/**
 * The {@code history} health contributor. A database that is down, slow or full loses history, not the live
 * chain, so it is {@code DEGRADED} (HTTP 200, not part of readiness) with the reason and what has been lost so
 * far, and UP again after the next interval written.
 */
public final class HistoryHealthIndicator implements HealthIndicator {

    /** Serving, but something an operator should look at: mapped to HTTP 200 in application.yml. */
    public static final Status DEGRADED = new Status("DEGRADED");

    private final WriteStatus status;
    private final HistoryDatabase db;

    public HistoryHealthIndicator(WriteStatus status, HistoryDatabase db) {
        this.status = Objects.requireNonNull(status, "status");
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Health health() {
        WriteStatus.Snapshot s = status.snapshot();
        Health.Builder health = s.degraded() ? Health.status(DEGRADED) : Health.up();
        health.withDetail("database", db.describe()).withDetail("vendor", db.vendor().name());
        if (s.degraded()) {
            health.withDetail("reason", s.detail())
                    .withDetail("since", s.since().toString())
                    .withDetail("lostPoints", s.lostPoints())
                    .withDetail("lostIntervals", s.lostIntervals())
                    .withDetail("firstLost", s.firstLost().toString())
                    .withDetail("lastLost", s.lastLost().toString());
        } else if (s.detail() != null) {
            health.withDetail("detail", s.detail());
        }
        if (s.lastWritten() != null) {
            health.withDetail("lastWritten", s.lastWritten().toString());
        }
        if (s.lastOutage() != null) {
            WriteStatus.Outage o = s.lastOutage();
            health.withDetail("lastOutage", java.util.Map.of("since", o.since().toString(), "until", o.until().toString(),
                    "reason", o.reason(), "lostPoints", o.lostPoints(), "lostIntervals", o.lostIntervals(),
                    "firstLost", o.firstLost().toString(), "lastLost", o.lastLost().toString()));
        }
        return health.build();
    }
}
