package com.livechain.history.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.livechain.api.ApiProblem;

/**
 * The history endpoints' parameters, checked as {@code /options/live} checks its own: each rejection names the
 * parameter and what it accepts (a 400 problem). Kept small and local until the API's one request resolver is
 * in place for every endpoint.
 */
final class HistoryRequests {

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9&_-]{1,32}");
    static final int DEFAULT_DAYS = 365;
    static final int MAX_DAYS = 3650;

    private HistoryRequests() {}

    static String underlying(String underlying, List<String> configured) {
        if (underlying == null || underlying.isBlank()) {
            throw ApiProblem.badParameter("Parameter 'underlying' is required: an index symbol such as "
                    + (configured.isEmpty() ? "NIFTY" : String.join(", ", configured)) + ".");
        }
        String symbol = underlying.trim();
        if (!SYMBOL.matcher(symbol).matches()) {
            throw ApiProblem.badParameter("Parameter 'underlying' must be an index symbol of letters and digits, such as NIFTY.");
        }
        return symbol.toUpperCase(Locale.ROOT);
    }

    static LocalDate expiry(String expiry) {
        if (expiry == null || expiry.isBlank()) {
            throw ApiProblem.badParameter("Parameter 'expiry' is required: an ISO date (YYYY-MM-DD), such as 2026-12-08"
                    + " (see /options/underlyings for the live expiries).");
        }
        try {
            return LocalDate.parse(expiry.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("Parameter 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-12-08.");
        }
    }

    /** The strike, or null when not asked for. */
    static BigDecimal strike(String strike) {
        if (strike == null || strike.isEmpty()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(strike.trim());
            if (value.signum() > 0 && value.compareTo(BigDecimal.valueOf(10_000_000)) < 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badParameter("Parameter 'strike' must be a strike price, a positive number such as 26000.");
    }

    static int days(String days) {
        if (days == null || days.isEmpty()) {
            return DEFAULT_DAYS;
        }
        try {
            int n = Integer.parseInt(days.trim());
            if (n >= 1 && n <= MAX_DAYS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badParameter("Parameter 'days' must be a whole number of calendar days from 1 to " + MAX_DAYS
                + ", such as 365.");
    }

    /**
     * {@code from} or {@code to}: an ISO date (the whole IST day: from its start, to its end) or an instant with
     * its offset; null when not given.
     */
    static Bound bound(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return new Bound(LocalDate.parse(text), null);
        } catch (DateTimeParseException e) {
            // not a date: an instant?
        }
        try {
            return new Bound(null, OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("Parameter '" + name + "' must be an ISO date (2026-12-02) or an instant with"
                    + " its offset (2026-12-02T09:15:00+05:30 or 2026-12-02T03:45:00Z).");
        }
    }

    /** One end of a range: a whole day, or an instant. */
    record Bound(LocalDate date, Instant instant) {
    }
}
