package com.livechain.simulator.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.livechain.market.ExchangeCalendar;
import com.livechain.market.MarketHours;

/**
 * The expiries an index lists on a given day, as NSE's contract specifications define them: the next weeklies
 * (not counting a week whose expiry is the monthly one), the next monthlies (last expiry weekday of the month),
 * quarterlies (last expiry weekday of March, June, September, December after the monthlies) and long-dated
 * half-yearlies (June and December after the quarterlies).
 * An expiry that closed (15:30 IST) is no longer listed, so on expiry day it disappears at the close.
 * An expiry scheduled on an exchange holiday moves to the previous trading day, as NSE and BSE move it (protocol §12:
 * NIFTY's Tuesday 2026-03-03, Holi, expires on Monday 2026-03-02). The simulator plays the exchange, so it reads the
 * shipped NSE/BSE calendar itself ({@link ExchangeCalendar#shipped()}), not the client's configured one.
 */
public final class ExpiryCalendar {

    /** One listed expiry and its scrip-master EXPIRY_FLAG. */
    record Listed(LocalDate date, Kind kind) {
        String flag() {
            return kind == Kind.WEEKLY ? "W" : "M";
        }
    }

    public enum Kind { WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY }

    private ExpiryCalendar() {
    }

    static List<Listed> listed(IndexSpec spec, Instant now) {
        return listed(spec, now, ExchangeCalendar.shipped());
    }

    static List<Listed> listed(IndexSpec spec, Instant now, ExchangeCalendar exchange) {
        LocalDate today = MarketHours.today(now);
        Map<LocalDate, Kind> dates = new TreeMap<>();
        if (spec.weeklyDay() != null) {
            LocalDate d = today.with(TemporalAdjusters.nextOrSame(spec.weeklyDay()));
            int found = 0;
            while (found < spec.weeklies()) {
                LocalDate expiry = exchange.expiryFor(d);
                if (trading(expiry, now) && !d.equals(lastWeekday(YearMonth.from(d), spec.monthlyDay()))) {
                    dates.put(expiry, Kind.WEEKLY);
                    found++;
                }
                d = d.plusWeeks(1);
            }
        }
        YearMonth month = YearMonth.from(today);
        int found = 0;
        while (found < spec.monthlies()) {
            LocalDate d = exchange.expiryFor(lastWeekday(month, spec.monthlyDay()));
            if (trading(d, now)) {
                dates.put(d, Kind.MONTHLY);
                found++;
            }
            month = month.plusMonths(1);
        }
        month = listEvery(3, spec.quarterlies(), Kind.QUARTERLY, month, spec.monthlyDay(), exchange, dates);
        listEvery(6, spec.halfYearlies(), Kind.HALF_YEARLY, month, spec.monthlyDay(), exchange, dates);
        List<Listed> out = new ArrayList<>(dates.size());
        dates.forEach((date, kind) -> out.add(new Listed(date, kind)));
        return out;
    }

    /**
     * Lists {@code count} expiries from {@code month} on, one on the last {@code day} of each month whose number is
     * a multiple of {@code everyMonths} (3: March, June, September, December; 6: June, December). Returns the month
     * after the last one listed, where a longer cycle starts.
     */
    private static YearMonth listEvery(int everyMonths, int count, Kind kind, YearMonth month, DayOfWeek day,
                                       ExchangeCalendar exchange, Map<LocalDate, Kind> dates) {
        int found = 0;
        while (found < count) {
            if (month.getMonthValue() % everyMonths == 0) {
                dates.put(exchange.expiryFor(lastWeekday(month, day)), kind);
                found++;
            }
            month = month.plusMonths(1);
        }
        return month;
    }

    static LocalDate lastWeekday(YearMonth month, DayOfWeek day) {
        return month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(day));
    }

    private static boolean trading(LocalDate expiry, Instant now) {
        return MarketHours.expiryClose(expiry).isAfter(now);
    }
}
