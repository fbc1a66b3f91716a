package com.livechain.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * {@code livechain.history.*}: where the market memory lives and how often it records (the contract's
 * configuration table).
 *
 * @param url       {@code jdbc:sqlite:<file>} (default {@code ${user.home}/.livechain/history.db}, beside the
 *                  credential store) or {@code jdbc:postgresql://host:port/db} for a server several instances share
 * @param username  for a server database; none for SQLite
 * @param password  for a server database; never logged or shown ({@link #toString} masks it)
 * @param interval  how often the chains are recorded; points fall on multiples of it (t = the minute, at 1m)
 * @param retention how long per-interval rows are kept; the daily IV history is kept for ever
 * @param backfill  fill missing days of the IV history from Dhan's expired-options data
 */
@ConfigurationProperties("livechain.history")
@Validated
public record HistoryProperties(
        @NotNull @Pattern(regexp = "jdbc:(sqlite:.+|postgresql:.+)",
                message = "must be a jdbc:sqlite:<file> URL or a jdbc:postgresql://host:port/database URL") String url,
        String username,
        String password,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") @DurationUnit(ChronoUnit.SECONDS) Duration interval,
        @NotNull @DurationMin(hours = 1) @DefaultValue("30d") @DurationUnit(ChronoUnit.DAYS) Duration retention,
        @DefaultValue("true") boolean backfill) {

    public HistoryProperties {
        if (url == null || url.isBlank()) {
            url = defaultUrl();
        }
        url = url.trim();
    }

    /** The contract's default: a SQLite file beside the credential store. */
    static String defaultUrl() {
        return "jdbc:sqlite:" + Path.of(System.getProperty("user.home"), ".livechain", "history.db");
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    @Override
    public String toString() {
        return "HistoryProperties[url=" + url + ", username=" + username + ", password="
                + (password == null ? null : "****") + ", interval=" + interval + ", retention=" + retention
                + ", backfill=" + backfill + "]";
    }
}
