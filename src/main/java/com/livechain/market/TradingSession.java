package com.livechain.market;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One trading session: a normal weekday (09:15-15:30 IST) or a special one (the 2026 Budget Sunday, a Muhurat
 * evening). Times are IST wall-clock times on {@code date}; a session never crosses midnight.
 *
 * @param description "normal session", or what the exchange calls the special session
 * @param source      where the session comes from: the rule, a circular, or {@code livechain.calendar.sessions}
 */
public record TradingSession(LocalDate date, LocalTime open, LocalTime close, String description, String source) {

    /** The format of one {@code livechain.calendar.sessions} entry, as the outside contract names it. */
    public static final String SETTING_FORMAT = "YYYY-MM-DD HH:mm-HH:mm (IST)";
    public static final String SETTING = "livechain.calendar.sessions";

    private static final Pattern SETTING_PATTERN =
            Pattern.compile("\\s*(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s*");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public TradingSession {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("a session must open before it closes: " + date + " " + hours(open, close));
        }
    }

    /** The normal NSE/BSE equity-derivatives session of a weekday. */
    static TradingSession normal(LocalDate date) {
        return new TradingSession(date, MarketHours.OPEN, MarketHours.CLOSE, "normal session", "NSE/BSE trading hours");
    }

    /**
     * One {@code livechain.calendar.sessions} entry, {@code 2026-11-08 18:00-19:15}. Named {@code of} so that
     * Spring's binder converts the setting with it; a malformed entry stops start-up with this message, which
     * names the expected format.
     */
    public static TradingSession of(String setting) {
        Matcher m = SETTING_PATTERN.matcher(setting == null ? "" : setting);
        if (!m.matches()) {
            throw malformed(setting, "");
        }
        try {
            return new TradingSession(LocalDate.parse(m.group(1)), LocalTime.parse(m.group(2), HH_MM),
                    LocalTime.parse(m.group(3), HH_MM), "special session (" + SETTING + ")", SETTING);
        } catch (DateTimeParseException e) {
            throw malformed(setting, ": no such date or time");
        } catch (IllegalArgumentException | DateTimeException e) {
            throw malformed(setting, ": " + e.getMessage());
        }
    }

    private static IllegalArgumentException malformed(String setting, String why) {
        return new IllegalArgumentException(SETTING + ": '" + setting + "' is not " + SETTING_FORMAT + why
                + "; expected e.g. 2026-11-08 18:00-19:15, several separated by commas");
    }

    public Instant opensAt() {
        return date.atTime(open).atZone(MarketHours.IST).toInstant();
    }

    public Instant closesAt() {
        return date.atTime(close).atZone(MarketHours.IST).toInstant();
    }

    /** Open at {@code instant}: from the open (inclusive) to the close (exclusive). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(opensAt()) && instant.isBefore(closesAt());
    }

    /** "09:15-15:30". */
    public String hours() {
        return hours(open, close);
    }

    private static String hours(LocalTime open, LocalTime close) {
        return HH_MM.format(open) + "-" + HH_MM.format(close);
    }

    boolean isNormal() {
        return open.equals(MarketHours.OPEN) && close.equals(MarketHours.CLOSE);
    }
}
