package com.livechain.history.record;

import java.time.Instant;

/**
 * The hours the recorder records live prices in: whether the exchange session is open at an instant. The
 * exchange calendar plugs in here ({@code market.ExchangeCalendar::isOpen}: holidays and special sessions
 * included), so the recorder does not depend on it; not to be confused with {@code market.TradingSession}, one
 * session of that calendar.
 */
@FunctionalInterface
public interface RecordingHours {

    boolean isOpen(Instant now);
}
