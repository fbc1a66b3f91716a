package com.livechain.credentials;

/** The credential store exists but cannot be read, decrypted or written. */
public class CredentialStoreException extends CredentialsException {

    public CredentialStoreException(String message) {
        super(message);
    }

    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
