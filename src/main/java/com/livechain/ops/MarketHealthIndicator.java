package com.livechain.ops;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import com.livechain.market.ExchangeCalendar;
import com.livechain.market.MarketHours;
import com.livechain.market.MarketStatus;

/**
 * The {@code market} health contributor: is the exchange open by the calendar, and if not why and when it opens,
 * so that an operator reading a quiet feed's health sees "Christmas (NSE/BSE holiday)" beside it. Always UP (the
 * calendar does not make an instance unready; it is not in the readiness group); what the calendar is not sure of
 * (a provisional year, a session without timings) is listed under {@code warnings}.
 */
public final class MarketHealthIndicator implements HealthIndicator {

    private final ExchangeCalendar calendar;
    private final Clock clock;

    public MarketHealthIndicator(ExchangeCalendar calendar, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        MarketStatus status = calendar.status(clock.instant());
        Health.Builder health = Health.up()
                .withDetail("open", status.open())
                .withDetail("reason", status.reason());
        if (status.closesAt() != null) {
            health.withDetail("closesAt", status.closesAt().toString());
        }
        if (status.nextOpen() != null) {
            health.withDetail("nextOpen", status.nextOpen().toString());
        }
        List<String> warnings = calendar.warnings(MarketHours.today(clock.instant()));
        if (!warnings.isEmpty()) {
            health.withDetail("warnings", warnings);
        }
        return health.build();
    }
}
