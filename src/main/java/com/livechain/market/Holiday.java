package com.livechain.market;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day on which NSE and BSE do not trade equity derivatives.
 *
 * @param description what the exchanges call it ("Christmas")
 * @param source      the circular it comes from, or the setting that added it
 */
public record Holiday(LocalDate date, String description, String source) {

    public Holiday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
    }
}
