package com.livechain.market;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One date as the exchange calendar sees it: its session, or why there is none.
 *
 * @param session the session, empty on a closed day
 * @param holiday the exchange holiday on this date, if any (also on a weekend, where it changes nothing, and on a
 *                holiday with a special session, such as Diwali's Muhurat)
 * @param reason  for a closed day why: "Saturday", "Christmas (NSE/BSE holiday)"; for a trading day its session,
 *                "normal session 09:15-15:30 IST"
 */
public record CalendarDay(LocalDate date, Optional<TradingSession> session, Optional<Holiday> holiday, String reason) {

    public CalendarDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(holiday, "holiday");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean isTradingDay() {
        return session.isPresent();
    }
}
