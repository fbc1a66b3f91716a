package com.livechain.history;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Which days the exchange traded: the days an IV history should have. The exchange calendar
 * ({@code market.ExchangeCalendar::isTradingDay}) plugs in here as a bean; without one, every weekday counts and a
 * holiday is simply asked for once, found without data and not asked again while the process runs.
 */
@FunctionalInterface
public interface TradingDays {

    boolean isTradingDay(LocalDate date);

    /** Monday to Friday: the fallback when no exchange calendar is wired. */
    TradingDays WEEKDAYS = date -> date.getDayOfWeek() != DayOfWeek.SATURDAY
            && date.getDayOfWeek() != DayOfWeek.SUNDAY;

    /** The trading day before {@code date} (at most a month back, beyond any exchange closure). */
    default LocalDate previousTradingDay(LocalDate date) {
        LocalDate day = date.minusDays(1);
        for (int i = 0; i < 31 && !isTradingDay(day); i++) {
            day = day.minusDays(1);
        }
        return day;
    }
}
