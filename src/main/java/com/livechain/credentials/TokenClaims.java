package com.livechain.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims livechain reads from a Dhan access token, a JWT (protocol §6.5). Only the payload is decoded: the
 * signature is HS512 under Dhan's own secret, so a client cannot and must not verify it.
 *
 * @param expiresAt    {@code exp}, null when absent
 * @param issuedAt     {@code iat}, null when absent (tokens from 2024 have none)
 * @param consumerType {@code tokenConsumerType}: {@code SELF} for a token generated on Dhan Web, which RenewToken
 *                     renews; {@code APP} reported for TOTP and consent tokens, which it does not; null when absent
 * @param clientId     {@code dhanClientId}, null when absent
 */
public record TokenClaims(Instant expiresAt, Instant issuedAt, String consumerType, String clientId) {

    /** The {@code tokenConsumerType} of a web-generated token, the only kind Dhan's RenewToken renews (§6.3). */
    public static final String SELF = "SELF";

    /** The claims of {@code token}, empty when it is not a JWT with a JSON object payload. Never throws. */
    public static Optional<TokenClaims> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode claims = JsonMapper.shared().readTree(new String(payload, StandardCharsets.UTF_8));
            if (claims == null || !claims.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(epochSeconds(claims.get("exp")), epochSeconds(claims.get("iat")),
                    text(claims.get("tokenConsumerType")), text(claims.get("dhanClientId"))));
        } catch (RuntimeException notAJwt) {
            return Optional.empty();
        }
    }

    /** A web-generated token (§6.3): the kind RenewToken renews, while it is still valid. */
    public boolean renewable() {
        return SELF.equalsIgnoreCase(consumerType);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    private static Instant epochSeconds(JsonNode node) {
        return node != null && node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }
}
