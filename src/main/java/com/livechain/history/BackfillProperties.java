package com.livechain.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code livechain.history.backfill} (contract, "Added 2026-12-01"): fill the days missing from the IV history from
 * Dhan's expired-options data. Only this one key of {@code livechain.history.*} is bound here; the store's own
 * settings ({@code url}, {@code interval}, {@code retention}, ...) belong to the history store's record.
 *
 * @param backfill on by default: without it IV rank needs a year of recording before it means anything
 */
@ConfigurationProperties("livechain.history")
@Validated
public record BackfillProperties(@DefaultValue("true") boolean backfill) {
}
