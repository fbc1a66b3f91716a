package com.livechain.market;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * NSE/BSE equity-derivatives trading hours: 09:15 to 15:30 IST, and the IST calendar expiries are written in.
 * Whether the market is open at an instant (weekends, holidays, special sessions) is the
 * {@link ExchangeCalendar}'s to say.
 */
public final class MarketHours {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final LocalTime OPEN = LocalTime.of(9, 15);
    public static final LocalTime CLOSE = LocalTime.of(15, 30);

    private MarketHours() {
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
