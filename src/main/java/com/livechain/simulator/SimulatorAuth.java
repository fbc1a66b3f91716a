package com.livechain.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.Totp;

/**
 * The one simulated Dhan user: a client id and the access token currently valid. Rotating the token
 * expires the old one, as Dhan's 24-hour rollover or {@code RenewToken} does: REST answers it with 401 DH-901
 * and the feed with disconnect 807 until the client reads the new credentials.
 *
 * <p>Token calls follow protocol §6: {@link #renew} mints a JWT ({@code iat} now, {@code exp} 24 h later,
 * {@code tokenConsumerType} SELF) and revokes the old token, refusing an expired or {@code APP} one;
 * {@link #generate} checks the PIN and TOTP code set with {@link #enableTotp} and mints an {@code APP} token.
 * Only one token is valid at a time. A JWT is expired by its {@code exp} on the simulator's clock.
 */
public final class SimulatorAuth {

    /** Outcome of checking a client id and token pair. */
    public enum Check {
        OK,
        /** A token this simulator issued and then rotated away, or a JWT past its {@code exp}. */
        EXPIRED,
        /** A token this simulator never issued. */
        BAD_TOKEN,
        /** Missing or wrong client id (with any token). */
        BAD_CLIENT
    }

    /** What a renewal or generation answered: the new credentials and their expiry, or why there are none. */
    public record Issued(DhanCredentials credentials, Instant expiresAt, Refusal refusal) {
    }

    /** Why no token was issued. */
    public enum Refusal {
        /** The token is unknown, revoked, or past its exp, or the client id is wrong. */
        INVALID_TOKEN,
        /** Not a web token: RenewToken renews only {@code tokenConsumerType} SELF (§6.3). */
        NOT_RENEWABLE,
        /** Wrong PIN or TOTP code, or TOTP not enabled. */
        BAD_PIN_OR_TOTP,
        /** A fault: the next renewals answer a server error. */
        FAULT
    }

    /** Dhan's tokens last 24 hours (§6.5: exp - iat = 86400). */
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(1);

    private static final char[] TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final String clientId;
    private final Set<String> expired = new HashSet<>();
    private final AtomicInteger renewalFailures = new AtomicInteger();
    private volatile String token;
    private String pin;
    private Totp totp;

    SimulatorAuth(String clientId, String token, Clock clock) {
        this.clock = clock;
        this.clientId = clientId != null ? clientId : "11" + (10_000_000 + random.nextInt(90_000_000));
        this.token = token != null ? token : newToken();
    }

    DhanCredentials credentials() {
        return new DhanCredentials(clientId, token);
    }

    /** The simulated user's client id. */
    public String credentialsClientId() {
        return clientId;
    }

    public synchronized Check check(String clientId, String token) {
        if (clientId == null || !clientId.equals(this.clientId)) {
            return Check.BAD_CLIENT;
        }
        return checkToken(token);
    }

    /** As {@link #check} for a call that sends only the token ({@code /v2/profile}). */
    public synchronized Check checkToken(String token) {
        if (token != null && token.equals(this.token)) {
            return expiredByClaim(token) ? Check.EXPIRED : Check.OK;
        }
        return token != null && expired.contains(token) ? Check.EXPIRED : Check.BAD_TOKEN;
    }

    /** When the current token expires: its exp claim if it is a JWT, else a day from now (it never does). */
    public synchronized Instant expiresAt(String token) {
        return TokenClaims.parse(token).map(TokenClaims::expiresAt).orElseGet(() -> clock.instant().plus(TOKEN_LIFETIME));
    }

    /** Issues a new token; the current one stops working at once. */
    public synchronized DhanCredentials rotate() {
        expired.add(token);
        token = newToken();
        return credentials();
    }

    /**
     * {@code GET /v2/RenewToken} (§6.3): for the current, unexpired, web token of this client, a new JWT valid
     * 24 hours; the old one is revoked at once. A token that is not a JWT counts as a web token (the simulator's
     * own {@code sim-} tokens stand for one).
     */
    public synchronized Issued renew(String clientId, String token) {
        if (check(clientId, token) != Check.OK) {
            return refused(Refusal.INVALID_TOKEN);
        }
        if (TokenClaims.parse(token).map(claims -> !claims.renewable()).orElse(false)) {
            return refused(Refusal.NOT_RENEWABLE);
        }
        if (renewalFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return refused(Refusal.FAULT);
        }
        return issue("SELF");
    }

    /** Lets {@link #generate} issue tokens for this PIN and base32 TOTP secret, as enabling TOTP on Dhan does. */
    public synchronized void enableTotp(String pin, String base32Secret) {
        this.pin = pin;
        this.totp = Totp.ofBase32(base32Secret);
    }

    /**
     * {@code POST /app/generateAccessToken} (§6.1): a new {@code APP} token when the PIN and the TOTP code (of
     * this 30-second step or the one before, for clock skew) match; the current token is revoked.
     */
    public synchronized Issued generate(String clientId, String pin, String code) {
        Instant now = clock.instant();
        boolean codeMatches = totp != null && code != null
                && (code.equals(totp.code(now)) || code.equals(totp.code(now.minusSeconds(30))));
        if (!this.clientId.equals(clientId) || this.pin == null || !this.pin.equals(pin) || !codeMatches) {
            return refused(Refusal.BAD_PIN_OR_TOTP);
        }
        return issue("APP");
    }

    /** A fault: the next {@code count} RenewToken calls answer a server error and renew nothing. */
    public void failRenewals(int count) {
        renewalFailures.set(count);
    }

    /**
     * A JWT shaped as Dhan's (§6.5), signed with random bytes: clients decode the payload and never verify.
     * Tests use it to start the simulator with a token of a chosen type and lifetime.
     */
    public static String jwt(String clientId, String consumerType, Instant issuedAt, Instant expiresAt) {
        String header = "{\"typ\":\"JWT\",\"alg\":\"HS512\"}";
        String payload = "{\"iss\":\"dhan\",\"partnerId\":\"\",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"tokenConsumerType\":\"" + consumerType
                + "\",\"webhookUrl\":\"\",\"dhanClientId\":\"" + clientId + "\"}";
        byte[] signature = new byte[64];
        new SecureRandom().nextBytes(signature);
        return BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(signature);
    }

    private Issued issue(String consumerType) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(TOKEN_LIFETIME);
        expired.add(token);
        token = jwt(clientId, consumerType, now, expiresAt);
        return new Issued(credentials(), expiresAt, null);
    }

    private static Issued refused(Refusal refusal) {
        return new Issued(null, null, refusal);
    }

    private boolean expiredByClaim(String token) {
        return TokenClaims.parse(token).map(claims -> claims.expiredAt(clock.instant())).orElse(false);
    }

    /** Random and deliberately not a JWT: "sim-" and 40 alphanumerics, so it is never mistaken for a real token. */
    private String newToken() {
        StringBuilder sb = new StringBuilder("sim-");
        for (int i = 0; i < 40; i++) {
            sb.append(TOKEN_ALPHABET[random.nextInt(TOKEN_ALPHABET.length)]);
        }
        return sb.toString();
    }
}
