package com.livechain.credentials;

/**
 * What Dhan's {@code generateAccessToken} needs for a fresh token (protocol §6.1): the account's PIN and the
 * base32 secret of its TOTP, kept encrypted in the credential store by {@code credentials set --totp}.
 *
 * <p>{@link #toString()} shows neither secret, not even masked: a PIN is six digits, and any part of it shown
 * is a large part of it.
 */
public record TotpSecrets(String clientId, String pin, String totpSecret) {

    public TotpSecrets {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("Dhan client id is blank");
        }
        if (pin == null || pin.isBlank()) {
            throw new IllegalArgumentException("Dhan PIN is blank");
        }
        if (totpSecret == null || totpSecret.isBlank()) {
            throw new IllegalArgumentException("TOTP secret is blank");
        }
    }

    @Override
    public String toString() {
        return "TotpSecrets[clientId=" + DhanCredentials.mask(clientId) + ", pin=(hidden), totpSecret=(hidden)]";
    }
}
