package com.livechain.ops;

import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import com.livechain.credentials.Redaction;
import com.livechain.market.MarketHours;

/**
 * The {@code feed} health contributor: is the live feed delivering, and if not, why ("token
 * expired (807)") and since when. DOWN only once the feed has been down longer than
 * {@code livechain.stale-after}; a reconnect inside that window is reported but keeps the instance
 * ready, so a blip does not pull it out of a load balancer. UNKNOWN while the chain is still loading
 * and the feed has not been asked to connect.
 *
 * <p>The reason comes from the feed client, which already masks credentials; it is masked again
 * here because health details are served to anyone who can reach the port, and Dhan's feed takes
 * the token in the URL's query string.
 */
public final class FeedHealthIndicator implements HealthIndicator {

    private final FeedWatch watch;
    private final DoubleSupplier lastFrameAgeSeconds;

    /** @param lastFrameAgeSeconds seconds since the feed's last binary frame, {@code NaN} before the first */
    public FeedHealthIndicator(FeedWatch watch, DoubleSupplier lastFrameAgeSeconds) {
        this.watch = Objects.requireNonNull(watch, "watch");
        this.lastFrameAgeSeconds = Objects.requireNonNull(lastFrameAgeSeconds, "lastFrameAgeSeconds");
    }

    @Override
    public Health health() {
        FeedWatch.Observation feed = watch.observe();
        Health.Builder health = switch (feed.state()) {
            case UP, RECONNECTING -> Health.up();
            case DOWN -> Health.down();
            case NOT_STARTED -> Health.status(Status.UNKNOWN);
        };
        health.withDetail("state", switch (feed.state()) {
            case UP -> "up";
            case RECONNECTING -> "reconnecting";
            case DOWN -> "down";
            case NOT_STARTED -> "waiting for the chain to load";
        });
        health.withDetail("reason", mask(feed.reason()));
        if (feed.upSinceMillis() > 0 && feed.upSinceMillis() != Long.MAX_VALUE) {
            health.withDetail("upSince", ist(feed.upSinceMillis()));
        }
        if (feed.downSinceMillis() >= 0) {
            health.withDetail("downSince", ist(feed.downSinceMillis()));
            health.withDetail("downForSeconds", feed.downFor().toSeconds());
        }
        double age = lastFrameAgeSeconds.getAsDouble();
        if (!Double.isNaN(age)) {
            health.withDetail("lastFrameAgeSeconds", Math.round(age * 10) / 10.0);
        }
        health.withDetail("staleAfterSeconds", watch.staleAfter().toSeconds());
        return health.build();
    }

    static String mask(String reason) {
        if (reason == null) {
            return "unknown";
        }
        return Redaction.redact(reason);
    }

    private static String ist(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(MarketHours.IST).toOffsetDateTime().toString();
    }
}
