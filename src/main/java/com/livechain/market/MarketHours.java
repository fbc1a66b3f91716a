package com.livechain.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * NSE/BSE equity-derivatives trading hours: 09:15 to 15:30 IST, Monday to Friday.
 * Exchange holidays are not known here (they would need NSE's yearly circular); on a holiday the
 * market looks open, so staleness and the stall watchdog err on the side of saying "stale".
 */
public final class MarketHours {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final LocalTime OPEN = LocalTime.of(9, 15);
    public static final LocalTime CLOSE = LocalTime.of(15, 30);

    private MarketHours() {
    }

    public static boolean isOpen(Instant now) {
        ZonedDateTime ist = now.atZone(IST);
        DayOfWeek day = ist.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return false;
        }
        LocalTime time = ist.toLocalTime();
        return !time.isBefore(OPEN) && time.isBefore(CLOSE);
    }

    /** Whether the exchanges trade on {@code date}: Monday to Friday. */
    public static boolean isTradingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The instant an expiry stops trading: 15:30 IST on the expiry date. */
    public static Instant expiryClose(LocalDate expiry) {
        return expiry.atTime(CLOSE).atZone(IST).toInstant();
    }

    /** Today's date in IST, the calendar expiries are written in. */
    public static LocalDate today(Instant now) {
        return now.atZone(IST).toLocalDate();
    }
}
