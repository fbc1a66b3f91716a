package com.livechain.simulator;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import com.livechain.credentials.DhanCredentials;

/**
 * The one simulated Dhan user: a client id and the access token currently valid. Rotating the token
 * expires the old one, as Dhan's 24-hour rollover or {@code RenewToken} does: REST answers it with 401 DH-901
 * and the feed with disconnect 807 until the client reads the new credentials.
 */
public final class SimulatorAuth {

    /** Outcome of checking a client id and token pair. */
    public enum Check {
        OK,
        /** A token this simulator issued and then rotated away. */
        EXPIRED,
        /** A token this simulator never issued. */
        BAD_TOKEN,
        /** Missing or wrong client id (with any token). */
        BAD_CLIENT
    }

    private static final char[] TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final String clientId;
    private final Set<String> expired = new HashSet<>();
    private volatile String token;

    SimulatorAuth(String clientId, String token) {
        this.clientId = clientId != null ? clientId : "11" + (10_000_000 + random.nextInt(90_000_000));
        this.token = token != null ? token : newToken();
    }

    DhanCredentials credentials() {
        return new DhanCredentials(clientId, token);
    }

    public synchronized Check check(String clientId, String token) {
        if (clientId == null || !clientId.equals(this.clientId)) {
            return Check.BAD_CLIENT;
        }
        if (token != null && token.equals(this.token)) {
            return Check.OK;
        }
        return token != null && expired.contains(token) ? Check.EXPIRED : Check.BAD_TOKEN;
    }

    /** Issues a new token; the current one stops working at once. */
    public synchronized DhanCredentials rotate() {
        expired.add(token);
        token = newToken();
        return credentials();
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
