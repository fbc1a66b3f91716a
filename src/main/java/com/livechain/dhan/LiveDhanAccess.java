package com.livechain.dhan;

import java.net.URI;
import java.util.Optional;

import com.livechain.chain.MarketSource;
import com.livechain.credentials.CredentialProvider;
import com.livechain.credentials.DhanCredentials;

/** The real Dhan: configured endpoints, credentials from the environment or the store, read afresh each time. */
public final class LiveDhanAccess implements DhanAccess {

    private final DhanProperties properties;
    private final CredentialProvider credentials;

    public LiveDhanAccess(DhanProperties properties, CredentialProvider credentials) {
        this.properties = properties;
        this.credentials = credentials;
    }

    @Override
    public MarketSource source() {
        return MarketSource.DHAN;
    }

    @Override
    public URI restUrl() {
        return properties.restUrl();
    }

    @Override
    public URI feedUrl() {
        return properties.feedUrl();
    }

    @Override
    public URI instrumentsUrl() {
        return properties.instrumentsUrl();
    }

    @Override
    public Optional<DhanCredentials> credentials() {
        return credentials.current();
    }
}
