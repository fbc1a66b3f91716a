package com.livechain.credentials.renewal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.credentials.CredentialProvider;
import com.livechain.credentials.CredentialsException;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.LoadedCredentials;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.Totp;
import com.livechain.credentials.TotpSecrets;
import com.livechain.dhan.rest.DhanAuthClient;
import com.livechain.dhan.rest.DhanProfile;
import com.livechain.dhan.rest.IssuedToken;
import com.livechain.market.MarketHours;
import com.livechain.universe.MarketDataException;

/**
 * Replaces the Dhan token before it expires, so the app runs for weeks with no hand on it (protocol §6).
 *
 * <p>A web token ({@code tokenConsumerType} SELF) is renewed through RenewToken; any other token is generated
 * afresh when the store holds the account's PIN and TOTP secret. Either way {@code renewBefore} ahead of the
 * token's {@code exp}, by the app's {@link Clock}; the new token is proven with {@code /v2/profile} before it
 * replaces the old one, and {@link CredentialProvider#renewed} puts it where the old one came from.
 *
 * <p>A failed attempt never leaves the app without a token: the old one stays in use, and the attempt is
 * retried with a doubling backoff until the token expires. A token that was issued but whose check with
 * {@code /v2/profile} could not be made (Dhan unreachable) is kept and checked again first, because Dhan has
 * already revoked the old one; a token that the check refused is dropped.
 *
 * <p>{@link #runDue()} does the work and says when it wants to run next; {@link TokenRenewalScheduler} calls it.
 * One thread at a time: the methods are synchronized. No secret is logged, put in a metric or in the status.
 */
public final class TokenRenewer {

    private static final Logger log = LoggerFactory.getLogger(TokenRenewer.class);

    /** How often to look again when nothing is due: the token or the store may change under us. */
    static final Duration RECHECK = Duration.ofMinutes(1);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(15);

    private final CredentialProvider provider;
    private final DhanAuthClient dhan;
    private final Clock clock;
    private final Duration renewBefore;
    private final Counter[] outcomes = new Counter[RenewalOutcome.values().length];

    private volatile RenewalStatus status = new RenewalStatus(true, false, null, RenewalMethod.NONE,
            "not checked yet", null, null);
    // Retry state, for the token it was made for (a token replaced by hand starts afresh).
    private int tokenHash;
    private int failures;
    private Instant retryAt;
    // Issued, not yet proven with /v2/profile; Dhan has already revoked the token it replaces.
    private IssuedToken candidate;
    private RenewalMethod candidateMethod;
    private RenewalStatus.Attempt last;

    public TokenRenewer(CredentialProvider provider, DhanAuthClient dhan, Clock clock, Duration renewBefore,
                        MeterRegistry registry) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.dhan = Objects.requireNonNull(dhan, "dhan");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewBefore = Objects.requireNonNull(renewBefore, "renewBefore");
        for (RenewalOutcome outcome : RenewalOutcome.values()) {
            outcomes[outcome.ordinal()] = Counter.builder("livechain.credentials.renewals")
                    .description("Attempts to replace the Dhan token before it expires (RenewToken or generateAccessToken), by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry);
        }
        Gauge.builder("livechain.credentials.token.renewable", this, TokenRenewer::renewableGauge)
                .description("1 when the app replaces the Dhan token itself before it expires, 0 when a person must; NaN without a token")
                .register(registry);
    }

    /** What is known now, for health. */
    public RenewalStatus status() {
        return status;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Looks at the token in use and renews it if it is due.
     *
     * @return when to look again, by the app's clock
     */
    public synchronized Instant runDue() {
        Instant now = clock.instant();
        LoadedCredentials loaded;
        try {
            Optional<LoadedCredentials> found = provider.load();
            if (found.isEmpty()) {
                return idle(false, null, "no Dhan credentials", now);
            }
            loaded = found.get();
        } catch (CredentialsException e) {
            return idle(false, null, e.getMessage(), now);
        }
        DhanCredentials current = loaded.credentials();
        if (current.accessToken().hashCode() != tokenHash) {
            // Another token than the last attempts were for (renewed, or set by hand): start afresh.
            tokenHash = current.accessToken().hashCode();
            failures = 0;
            retryAt = null;
            candidate = null;
        }
        TokenClaims claims = TokenClaims.parse(current.accessToken()).orElse(null);
        Instant expiresAt = claims == null ? null : claims.expiresAt();
        if (renewBefore.isZero()) {
            return idle(true, expiresAt, "renewal is off (livechain.dhan.renew-before=0)", now);
        }
        if (expiresAt == null) {
            return idle(true, null, "the token's expiry is unknown (not a JWT with an exp claim), so it is not renewed", now);
        }
        Optional<TotpSecrets> totp;
        try {
            totp = provider.totp(current.clientId());
        } catch (CredentialsException e) {
            log.warn("The PIN and TOTP secret in the credential store cannot be read, so no token is generated from"
                    + " them: {}", e.getMessage());
            totp = Optional.empty();
        }
        boolean expired = claims.expiredAt(now);
        RenewalMethod method = claims.renewable() && !expired ? RenewalMethod.RENEW_TOKEN
                : totp.isPresent() ? RenewalMethod.GENERATE : RenewalMethod.NONE;
        if (method == RenewalMethod.NONE) {
            return idle(true, expiresAt, whyNot(claims, expired), now);
        }
        Instant due = expiresAt.minus(renewBefore);
        Instant next = retryAt != null && retryAt.isAfter(due) ? retryAt : due;
        if (now.isBefore(next)) {
            status = new RenewalStatus(true, true, expiresAt, method, null, next, last);
            return earlier(next, now.plus(RECHECK));
        }
        return attempt(loaded, method, totp, expiresAt, now);
    }

    private Instant attempt(LoadedCredentials loaded, RenewalMethod method, Optional<TotpSecrets> totp,
                            Instant expiresAt, Instant now) {
        DhanCredentials current = loaded.credentials();
        RenewalMethod used = method;
        IssuedToken issued;
        if (candidate != null) {
            issued = candidate;
            used = candidateMethod;
        } else {
            try {
                issued = obtain(method, current, totp, now);
            } catch (MarketDataException | IllegalArgumentException e) {
                if (method != RenewalMethod.RENEW_TOKEN || totp.isEmpty()) {
                    return failed(RenewalOutcome.FAILURE, method, describe(e), expiresAt, now);
                }
                log.warn("Dhan token renewal through RenewToken failed ({}); generating one from the stored PIN and"
                        + " TOTP instead", describe(e));
                used = RenewalMethod.GENERATE;
                try {
                    issued = obtain(used, current, totp, now);
                } catch (MarketDataException | IllegalArgumentException again) {
                    return failed(RenewalOutcome.FAILURE, used, describe(again), expiresAt, now);
                }
            }
            candidate = issued;
            candidateMethod = used;
        }
        if (issued.clientId() != null && !issued.clientId().equals(current.clientId())) {
            candidate = null;
            return failed(RenewalOutcome.UNVERIFIED, used, "Dhan issued a token for another client id", expiresAt, now);
        }
        DhanCredentials fresh = new DhanCredentials(current.clientId(), issued.accessToken());
        DhanProfile profile;
        try {
            profile = dhan.profile(fresh);
        } catch (MarketDataException e) {
            if (e.kind() != MarketDataException.Kind.UNAVAILABLE && e.kind() != MarketDataException.Kind.RATE_LIMIT) {
                candidate = null; // refused: it will never work
            }
            return failed(RenewalOutcome.UNVERIFIED, used, "the new token failed its check: " + describe(e), expiresAt, now);
        }
        if (profile.clientId() != null && !profile.clientId().equals(current.clientId())) {
            candidate = null;
            return failed(RenewalOutcome.UNVERIFIED, used, "/v2/profile says the new token belongs to another client id",
                    expiresAt, now);
        }
        provider.renewed(loaded, fresh);
        candidate = null;
        failures = 0;
        retryAt = null;
        tokenHash = fresh.accessToken().hashCode();
        Instant newExpiry = issued.expiresAt() != null ? issued.expiresAt() : profile.tokenValidity();
        String message = "new token valid until " + ist(newExpiry);
        log.info("Dhan access token replaced through {} and verified with /v2/profile; {}, in use by REST and the feed",
                used.description(), message);
        outcomes[RenewalOutcome.SUCCESS.ordinal()].increment();
        last = new RenewalStatus.Attempt(RenewalOutcome.SUCCESS, used, now, message);
        Instant next = newExpiry == null ? now.plus(RECHECK) : newExpiry.minus(renewBefore);
        status = new RenewalStatus(true, true, newExpiry, used, null, next, last);
        return earlier(next, now.plus(RECHECK));
    }

    private IssuedToken obtain(RenewalMethod method, DhanCredentials current, Optional<TotpSecrets> totp, Instant now) {
        if (method == RenewalMethod.RENEW_TOKEN) {
            return dhan.renew(current);
        }
        TotpSecrets secrets = totp.orElseThrow();
        return dhan.generate(current.clientId(), secrets.pin(), Totp.ofBase32(secrets.totpSecret()).code(now));
    }

    private Instant failed(RenewalOutcome outcome, RenewalMethod method, String why, Instant expiresAt, Instant now) {
        failures++;
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
        if (backoff.compareTo(MAX_RETRY) > 0) {
            backoff = MAX_RETRY;
        }
        retryAt = now.plus(backoff);
        String message = why + "; the current token stays in use until it expires at " + ist(expiresAt)
                + " (in " + human(Duration.between(now, expiresAt)) + ")";
        log.warn("Dhan token renewal through {} did not succeed: {}; retrying in {}", method.description(), message,
                human(backoff));
        outcomes[outcome.ordinal()].increment();
        last = new RenewalStatus.Attempt(outcome, method, now, message);
        status = new RenewalStatus(true, true, expiresAt, method, null, retryAt, last);
        return earlier(retryAt, now.plus(RECHECK));
    }

    private Instant idle(boolean hasToken, Instant expiresAt, String why, Instant now) {
        status = new RenewalStatus(true, hasToken, expiresAt, RenewalMethod.NONE, why, null, last);
        return now.plus(RECHECK);
    }

    private static String whyNot(TokenClaims claims, boolean expired) {
        String storeIt = "; store the PIN and TOTP secret (credentials set --totp) for the app to generate tokens itself";
        if (expired) {
            return "the token has expired, and Dhan renews only tokens that are still valid" + storeIt;
        }
        if (claims.consumerType() == null) {
            return "the token does not say it was generated on Dhan Web (no tokenConsumerType), and only those can be"
                    + " renewed" + storeIt;
        }
        return "its tokenConsumerType is " + claims.consumerType() + " (a TOTP or consent token), and RenewToken renews"
                + " only SELF tokens, generated on Dhan Web" + storeIt;
    }

    private double renewableGauge() {
        RenewalStatus now = status;
        if (!now.live() || !now.hasToken()) {
            return Double.NaN;
        }
        return now.automatic() ? 1 : 0;
    }

    /** Marks the renewer as not in use: the app runs on the simulator. */
    void simulated() {
        status = RenewalStatus.simulated();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String describe(RuntimeException e) {
        return e instanceof MarketDataException m ? m.getMessage() : e.getMessage();
    }

    static String ist(Instant at) {
        return at == null ? "an unknown time" : at.atZone(MarketHours.IST).toLocalDateTime().withNano(0) + " IST";
    }

    /** {@code 1h 52m}, {@code 3m 10s}, {@code 0s}; negative durations read as {@code expired}. */
    public static String human(Duration duration) {
        if (duration.isNegative()) {
            return "expired";
        }
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + duration.toSecondsPart() + "s" : duration.toSecondsPart() + "s";
    }
}
