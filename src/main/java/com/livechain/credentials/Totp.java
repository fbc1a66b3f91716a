package com.livechain.credentials;

import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import org.apache.commons.codec.binary.Base32;

/**
 * Dhan's TOTP: RFC 6238 with HMAC-SHA1, 6 digits, a 30-second step (protocol §6.1), the secret given as base32
 * the way authenticator apps show it. The arithmetic is java-otp's; this class only fixes the parameters and
 * reads the secret.
 */
public final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    // RFC 4648 base32; authenticator apps show it in groups, sometimes lower case, with or without padding.
    private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]+=*");

    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    private final SecretKeySpec key;

    private Totp(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA1");
    }

    /**
     * @param base32Secret the TOTP secret as Dhan shows it when TOTP is enabled (spaces and case do not matter)
     * @throws IllegalArgumentException when it is not base32; the message never quotes it
     */
    public static Totp ofBase32(String base32Secret) {
        String normalized = normalize(base32Secret);
        if (!BASE32.matcher(normalized).matches()) {
            throw new IllegalArgumentException("the TOTP secret is not base32 (letters A-Z and digits 2-7)");
        }
        byte[] key = new Base32().decode(normalized);
        if (key.length < 10) {
            throw new IllegalArgumentException("the TOTP secret is too short: " + key.length
                    + " bytes where RFC 4226 asks for at least 16 (Dhan's is 32 base32 characters)");
        }
        return new Totp(key);
    }

    /** For the RFC 6238 test vectors, whose key is given as bytes. */
    static Totp ofKey(byte[] key) {
        return new Totp(key.clone());
    }

    /** The secret as stored: upper case, no spaces or padding. */
    public static String normalize(String base32Secret) {
        return base32Secret == null ? "" : base32Secret.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** The 6-digit code for the 30-second step that holds {@code at}, zero-padded. */
    public String code(Instant at) {
        try {
            return generator.generateOneTimePasswordString(key, at, Locale.ROOT);
        } catch (InvalidKeyException e) {
            // An HMAC-SHA1 key of any non-empty length is valid; this cannot happen for a key built above.
            throw new IllegalStateException("HMAC-SHA1 refused the TOTP key", e);
        }
    }
}
