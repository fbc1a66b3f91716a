package com.livechain.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import com.livechain.credentials.renewal.RenewalStatus;
import com.livechain.credentials.renewal.TokenRenewer;
import com.livechain.market.MarketHours;

/**
 * The {@code token} health contributor: how long the Dhan token has left, whether the app replaces it itself
 * (and how), and how the last attempt went. DOWN once the token has expired; UP before, with a {@code warning}
 * from a day before expiry when no one but a person will replace it. Not part of readiness: the feed's own
 * contributor goes DOWN when an expired token stops the data.
 *
 * <p>Holds no secret: the renewer's messages are built from masked answers, and masked again here.
 */
public final class TokenHealthIndicator implements HealthIndicator {

    static final Duration WARN_BEFORE = Duration.ofDays(1);

    private final TokenRenewer renewer;
    private final Clock clock;

    public TokenHealthIndicator(TokenRenewer renewer, Clock clock) {
        this.renewer = Objects.requireNonNull(renewer, "renewer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        RenewalStatus status = renewer.status();
        if (!status.live()) {
            return Health.up().withDetail("token", status.note()).build();
        }
        if (!status.hasToken()) {
            return Health.status(Status.UNKNOWN).withDetail("token", FeedHealthIndicator.mask(status.note())).build();
        }
        Instant now = clock.instant();
        Health.Builder health;
        if (status.expiresAt() == null) {
            health = Health.up().withDetail("expiresAt", "unknown");
        } else {
            Duration left = Duration.between(now, status.expiresAt());
            health = left.isNegative() || left.isZero() ? Health.down() : Health.up();
            health.withDetail("expiresAt", ist(status.expiresAt()))
                    .withDetail("expiresInSeconds", Math.max(0, left.toSeconds()))
                    .withDetail("expiresIn", TokenRenewer.human(left));
            if (!status.automatic() && left.compareTo(WARN_BEFORE) < 0) {
                health.withDetail("warning", (left.isNegative() ? "The token has expired" : "The token expires in "
                        + TokenRenewer.human(left)) + " and will not be replaced automatically: "
                        + FeedHealthIndicator.mask(status.note())
                        + ". Renew it: java -jar livechain.jar credentials set --client-id <id> (no restart needed).");
            }
        }
        health.withDetail("renewal", status.method().description());
        if (status.note() != null) {
            health.withDetail("note", FeedHealthIndicator.mask(status.note()));
        }
        if (status.nextAt() != null) {
            health.withDetail("nextRenewalAt", ist(status.nextAt()));
        }
        RenewalStatus.Attempt last = status.last();
        if (last != null) {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("outcome", last.outcome().tag());
            attempt.put("method", last.method().description());
            attempt.put("at", ist(last.at()));
            attempt.put("message", FeedHealthIndicator.mask(last.message()));
            health.withDetail("lastRenewal", attempt);
        }
        return health.build();
    }

    private static String ist(Instant at) {
        return at.atZone(MarketHours.IST).toOffsetDateTime().toString();
    }
}
