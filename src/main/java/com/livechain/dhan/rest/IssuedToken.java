package com.livechain.dhan.rest;

import java.time.Instant;

/**
 * A token Dhan issued, from RenewToken or generateAccessToken (protocol §6.2, §6.3).
 *
 * @param accessToken the new JWT
 * @param expiresAt   from {@code expiryTime} (IST), else the JWT's {@code exp}; null when neither says
 * @param clientId    {@code dhanClientId} of the answer, null when absent
 */
public record IssuedToken(String accessToken, Instant expiresAt, String clientId) {

    @Override
    public String toString() {
        return "IssuedToken[accessToken=****, expiresAt=" + expiresAt + "]";
    }
}
