package com.livechain.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

import com.livechain.chain.Underlying;

/**
 * Top-level settings, named as in the outside contract ({@code shared/contract.md}).
 *
 * @param underlyings index symbols whose chains are kept, as Dhan's scrip master spells them
 * @param mode        where prices come from (see {@link Mode})
 * @param staleAfter  an instrument with no tick for this long, while the feed is down or the market
 *                    open, is shown as stale
 * @param reloadAt    IST time of day, each trading day, at which the instrument list is read again and chains
 *                    are added, kept or dropped without a restart
 */
@ConfigurationProperties("livechain")
@Validated
public record LivechainProperties(
        @NotEmpty @DefaultValue({"NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX", "BANKEX"})
        List<@NotNull @Pattern(regexp = Underlying.SYMBOL_PATTERN,
                message = "must be an index symbol such as NIFTY (letters and digits)") String> underlyings,
        @NotNull @DefaultValue("auto") Mode mode,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration staleAfter,
        @NotNull @DefaultValue("08:45") LocalTime reloadAt) {

    public LivechainProperties {
        // Symbols are matched case-insensitively everywhere; normalise once here.
        if (underlyings != null) {
            underlyings = underlyings.stream()
                    .map(s -> s == null ? null : s.trim().toUpperCase(Locale.ROOT))
                    .distinct()
                    .toList();
        }
    }

    /** Where prices come from. */
    public enum Mode {
        /** Live when credentials exist, else the embedded simulator. */
        AUTO,
        /** Credentials required; refuse to start without them. */
        LIVE,
        /** Always the embedded simulator. */
        SIMULATED
    }
}
