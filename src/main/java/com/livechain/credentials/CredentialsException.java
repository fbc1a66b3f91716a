package com.livechain.credentials;

/**
 * Credentials are configured in a way that cannot work. The message says what to change and never
 * contains a token.
 */
public class CredentialsException extends RuntimeException {

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
