package com.livechain.ops;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import com.livechain.universe.DailyReload;
import com.livechain.universe.ReloadResult;
import com.livechain.universe.UniverseReloader;

/**
 * The {@code reload} health contributor. A failed reload leaves the service serving yesterday's chains, which is
 * still right for every contract listed yesterday, so it is {@code DEGRADED} (HTTP 200, not part of readiness)
 * with the reason and the next attempt, until a reload succeeds.
 */
public final class ChainReloadHealthIndicator implements HealthIndicator {

    /** Serving, but something an operator should look at: mapped to HTTP 200 in application.yml. */
    public static final Status DEGRADED = new Status("DEGRADED");

    private final UniverseReloader reloader;
    private final DailyReload schedule;

    public ChainReloadHealthIndicator(UniverseReloader reloader, DailyReload schedule) {
        this.reloader = Objects.requireNonNull(reloader, "reloader");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public Health health() {
        ReloadResult last = reloader.last().orElse(null);
        if (last == null) {
            return Health.up().withDetail("detail", "No reload has run yet; the start-up load is served.").build();
        }
        Health.Builder health = last.outcome() == ReloadResult.Outcome.FAILED
                ? Health.status(DEGRADED).withDetail("reason", last.reason())
                : Health.up();
        health.withDetail("lastOutcome", last.outcome().tag())
                .withDetail("lastAt", last.at().toString())
                .withDetail("trigger", last.trigger());
        if (schedule.retryAt() != null) {
            health.withDetail("nextAttempt", schedule.retryAt().toString());
        }
        reloader.lastFailure().ifPresent(f -> health.withDetail("lastFailureAt", f.at().toString()));
        return health.build();
    }
}
