package com.livechain.credentials;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code livechain.credentials.*}.
 *
 * @param db the SQLite credential store ({@code LIVECHAIN_CREDENTIALS_DB}); defaults to
 *           {@code ${user.home}/.livechain/credentials.db}, the same place {@code credentials set} writes to
 */
@ConfigurationProperties("livechain.credentials")
@Validated
public record CredentialsProperties(Path db) {

    public CredentialsProperties {
        if (db == null) {
            db = defaultDb();
        }
    }

    /** Shared with the CLI so the app and {@code credentials set} agree without any configuration. */
    static Path defaultDb() {
        return Path.of(System.getProperty("user.home"), ".livechain", "credentials.db");
    }
}
