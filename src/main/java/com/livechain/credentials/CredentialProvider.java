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
 *
 * <p>One thing is held in memory: a token the app renewed itself ({@link #renewed}). Dhan revokes the old token
 * on renewal, so where the renewed one cannot be written back (the environment, or a store that failed to
 * write) it must win over the source's old one. It wins only while that source still holds what it held when
 * the renewal was made: a token put there since, by {@code credentials set}, is newer and is used instead.
 */
@Component
public class CredentialProvider {

    private static final Logger log = LoggerFactory.getLogger(CredentialProvider.class);

    private final EnvironmentCredentialSource environment;
    private final SqliteCredentialStore store;
    // The last credentials logged, so a reconnect loop logs a change of source or token, not every call.
    private final AtomicReference<LoadedCredentials> lastLogged = new AtomicReference<>();
    private final AtomicReference<Renewed> renewed = new AtomicReference<>();

    /** A token renewed in memory, and what its source held when it was made (so never a newer token). */
    private record Renewed(DhanCredentials sourceHeld, DhanCredentials current) {
    }

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
        Optional<LoadedCredentials> loaded = fromSources().map(this::withRenewal);
        loaded.ifPresent(this::logIfChanged);
        return loaded;
    }

    /**
     * The PIN and TOTP secret in the store for {@code clientId}, from which a fresh token can be generated;
     * empty when none are stored or they belong to another client.
     */
    public Optional<TotpSecrets> totp(String clientId) {
        return store.loadTotp().filter(secrets -> secrets.clientId().equals(clientId));
    }

    /**
     * Puts a token the app renewed (or generated) in place of {@code replaced}, which Dhan no longer accepts:
     * written back, encrypted, to the store it came from; an environment token cannot be written back, so the
     * renewed one is kept in memory and a WARN says the environment still holds the old one.
     *
     * @param replaced the credentials in use when the renewal was made, as {@link #load()} returned them
     */
    public void renewed(LoadedCredentials replaced, DhanCredentials fresh) {
        if (replaced.origin() == CredentialOrigin.STORE) {
            try {
                store.save(fresh);
            } catch (CredentialsException e) {
                log.warn("The renewed Dhan access token could not be written to the credential store {}: {}."
                        + " It is used from memory until the app stops; the store still holds the old token, which"
                        + " Dhan has revoked, so a restart needs `credentials set` first.", store.db(), e.getMessage());
            }
        } else {
            log.warn("The Dhan access token from the environment was renewed in memory only: {} still holds the"
                    + " old token, which Dhan has revoked. The app uses the renewed one until it stops; a restart"
                    + " would start with the old one. Keep the token in the credential store instead"
                    + " (java -jar livechain.jar credentials set --client-id <id>) so renewals are kept.",
                    EnvironmentCredentialSource.ACCESS_TOKEN_VARIABLE + " (" + EnvironmentCredentialSource.ACCESS_TOKEN_PROPERTY + ")");
        }
        DhanCredentials sourceHeld;
        try {
            sourceHeld = fromSources().map(LoadedCredentials::credentials).orElse(replaced.credentials());
        } catch (CredentialsException unreadable) {
            sourceHeld = replaced.credentials();
        }
        renewed.set(new Renewed(sourceHeld, fresh));
    }

    private Optional<LoadedCredentials> fromSources() {
        return environment.load()
                .map(credentials -> new LoadedCredentials(credentials, CredentialOrigin.ENVIRONMENT))
                .or(() -> store.load().map(credentials -> new LoadedCredentials(credentials, CredentialOrigin.STORE)));
    }

    private LoadedCredentials withRenewal(LoadedCredentials fromSource) {
        Renewed renewal = renewed.get();
        if (renewal == null) {
            return fromSource;
        }
        if (!renewal.sourceHeld().equals(fromSource.credentials())) {
            // Someone put another token there since: theirs is newer than ours.
            renewed.compareAndSet(renewal, null);
            return fromSource;
        }
        return new LoadedCredentials(renewal.current(), fromSource.origin());
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
