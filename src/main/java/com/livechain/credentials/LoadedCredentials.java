package com.livechain.credentials;

import java.util.Objects;

/** Credentials together with where they were found. {@code toString()} stays masked. */
public record LoadedCredentials(DhanCredentials credentials, CredentialOrigin origin) {

    public LoadedCredentials {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(origin, "origin");
    }
}
