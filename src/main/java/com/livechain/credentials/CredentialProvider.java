package com.livechain.credentials;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Dhan credentials to use now: the environment if it sets them, else the credential store.
 *
 * <p>Nothing is cached. The feed asks again on every reconnect, so a token renewed with
 * {@code credentials set} is picked up without a restart; the store read is one small SQLite query.
 * The environment still wins while it is set, as the contract says.
 */
@Component
public class CredentialProvider {

    private static final Logger log = LoggerFactory.getLogger(CredentialProvider.class);

    private final EnvironmentCredentialSource environment;
    private final SqliteCredentialStore store;
    // The last credentials logged, so a reconnect loop logs a change of source or token, not every call.
    private final AtomicReference<LoadedCredentials> lastLogged = new AtomicReference<>();

    /**
     * @throws CredentialsException when the environment sets only one of client id and token: that is a
     *                              mistake to stop start-up for, not to discover at the first connect
     */
    public CredentialProvider(EnvironmentCredentialSource environment, SqliteCredentialStore store) {
        this.environment = environment;
        this.store = store;
        environment.load();
    }

    /**
     * @return the credentials to connect with, empty when neither source has any
     * @throws CredentialsException      when the environment sets only one of the two values
     * @throws CredentialStoreException  when the store exists but cannot be read or decrypted
     */
    public Optional<DhanCredentials> current() {
        return load().map(LoadedCredentials::credentials);
    }

    /** As {@link #current()}, with where the credentials came from. */
    public Optional<LoadedCredentials> load() {
        Optional<LoadedCredentials> loaded = environment.load()
                .map(credentials -> new LoadedCredentials(credentials, CredentialOrigin.ENVIRONMENT))
                .or(() -> store.load().map(credentials -> new LoadedCredentials(credentials, CredentialOrigin.STORE)));
        loaded.ifPresent(this::logIfChanged);
        return loaded;
    }

    /**
     * One line for start-up and error messages, e.g. {@code Dhan credentials from the environment (client
     * 1100****56)}; masked, never the token.
     */
    public String describeOrigin() {
        return load().map(this::describe).orElseGet(() -> "No Dhan credentials: neither "
                + EnvironmentCredentialSource.CLIENT_ID_VARIABLE + "/" + EnvironmentCredentialSource.ACCESS_TOKEN_VARIABLE
                + " is set nor does the credential store " + store.db() + " hold any");
    }

    private String describe(LoadedCredentials loaded) {
        return "Dhan credentials from " + where(loaded);
    }

    private String where(LoadedCredentials loaded) {
        String source = switch (loaded.origin()) {
            case ENVIRONMENT -> "the environment";
            case STORE -> "the credential store " + store.db();
        };
        return source + " (client " + loaded.credentials().maskedClientId() + ")";
    }

    private void logIfChanged(LoadedCredentials loaded) {
        LoadedCredentials previous = lastLogged.getAndSet(loaded);
        if (previous == null || previous.origin() != loaded.origin()
                || !previous.credentials().clientId().equals(loaded.credentials().clientId())) {
            log.info(describe(loaded));
        } else if (!previous.credentials().accessToken().equals(loaded.credentials().accessToken())) {
            log.info("Dhan access token renewed in {}", where(loaded));
        }
    }
}
