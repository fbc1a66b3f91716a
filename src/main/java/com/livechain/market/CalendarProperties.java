package com.livechain.market;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * Dates the exchanges announce after a release ({@code livechain.calendar.*}, outside contract): added to, and
 * taking precedence over, the NSE/BSE calendar livechain ships. NSE announced the 15 Jan 2026 election holiday
 * three days ahead (protocol §11.2), and Muhurat timings come days before Diwali: neither can wait for a release.
 *
 * @param holidays extra exchange holidays, ISO dates ({@code LIVECHAIN_CALENDAR_HOLIDAYS=2026-01-15,2026-03-19})
 * @param sessions extra sessions, each {@code YYYY-MM-DD HH:mm-HH:mm} IST ({@code 2026-11-08 18:00-19:15}); one a
 *                 date. A configured session replaces whatever the shipped calendar says of its date.
 */
@ConfigurationProperties("livechain.calendar")
@Validated
public record CalendarProperties(
        @NotNull @DefaultValue({}) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) List<@NotNull LocalDate> holidays,
        @NotNull @DefaultValue({}) List<@NotNull TradingSession> sessions) {

    public CalendarProperties {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        Set<LocalDate> sessionDates = new HashSet<>();
        for (TradingSession session : sessions) {
            if (!sessionDates.add(session.date())) {
                throw new IllegalArgumentException(TradingSession.SETTING + " names " + session.date()
                        + " twice; give each date one session, " + TradingSession.SETTING_FORMAT);
            }
        }
        for (LocalDate holiday : holidays) {
            if (sessionDates.contains(holiday)) {
                throw new IllegalArgumentException(holiday + " is both in livechain.calendar.holidays and in "
                        + TradingSession.SETTING + "; keep the one the exchange announced");
            }
        }
    }

    public static CalendarProperties none() {
        return new CalendarProperties(List.of(), List.of());
    }
}
