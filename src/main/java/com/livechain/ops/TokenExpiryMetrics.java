package com.livechain.ops;

import java.time.Clock;
import java.util.Objects;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import com.livechain.credentials.TokenClaims;
import com.livechain.dhan.DhanAccess;

/**
 * When the Dhan access token in use expires, from the {@code exp} claim of the token (a JWT), so an
 * alert can fire hours before the token lapses rather than when the feed drops at the next reconnect:
 * Dhan tokens last 24 hours (DhanHQ-py #107). Only that claim is read; the token is not kept, logged
 * or put in a tag.
 *
 * <p>Prometheus: {@code livechain_credentials_token_expiry_timestamp_seconds}, epoch seconds; NaN
 * with no credentials or a token without {@code exp}. The credentials are read at most every 30 s,
 * so a token renewed in the store shows within a scrape or two.
 */
public final class TokenExpiryMetrics implements MeterBinder {

    private static final long REREAD_MILLIS = 30_000;

    private final DhanAccess access;
    private final Clock clock;
    // Guarded by this.
    private long readAtMillis = Long.MIN_VALUE;
    private double expiresAt = Double.NaN;

    public TokenExpiryMetrics(DhanAccess access, Clock clock) {
        this.access = Objects.requireNonNull(access, "access");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("livechain.credentials.token.expiry.timestamp", this, TokenExpiryMetrics::expiresAtEpochSeconds)
                .description("When the Dhan access token in use expires (its JWT exp claim), epoch seconds")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Epoch seconds at which the current token expires, NaN when unknown. */
    public synchronized double expiresAtEpochSeconds() {
        long now = clock.millis();
        if (readAtMillis == Long.MIN_VALUE || now - readAtMillis >= REREAD_MILLIS) {
            readAtMillis = now;
            try {
                expiresAt = access.credentials().map(c -> expiryOf(c.accessToken())).orElse(Double.NaN);
            } catch (RuntimeException unreadable) {
                // An unreadable store is reported by the feed and the start-up checks; here it is just unknown.
                expiresAt = Double.NaN;
            }
        }
        return expiresAt;
    }

    /** The {@code exp} claim of a JWT in epoch seconds, NaN if {@code token} is not a JWT or has none. */
    static double expiryOf(String token) {
        return TokenClaims.parse(token).map(TokenClaims::expiresAt)
                .map(exp -> (double) exp.getEpochSecond()).orElse(Double.NaN);
    }
}
