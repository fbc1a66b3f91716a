package com.livechain.ops;

import java.time.Clock;
import java.util.Objects;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import com.livechain.market.ExchangeCalendar;
import com.livechain.market.ListedExpiryCheck;

/**
 * The exchange calendar's meters: {@code livechain_market_open} (1 while the session is open, by the calendar),
 * which the alert rules use so that a feed that is quiet on a holiday does not page anyone, and
 * {@code livechain_listed_expiries_on_closed_days} (expiries Dhan lists on a holiday or weekend, normally 0).
 */
public final class MarketMetrics implements MeterBinder {

    private final ExchangeCalendar calendar;
    private final ListedExpiryCheck expiries;
    private final Clock clock;

    public MarketMetrics(ExchangeCalendar calendar, ListedExpiryCheck expiries, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.expiries = Objects.requireNonNull(expiries, "expiries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("livechain.market.open", this, m -> m.calendar.isOpenAt(m.clock.millis()) ? 1 : 0)
                .description("1 while the NSE/BSE equity-derivatives session is open, by the exchange calendar")
                .register(registry);
        Gauge.builder("livechain.listed.expiries.on.closed.days", expiries, ListedExpiryCheck::onClosedDays)
                .description("Expiries Dhan lists on an exchange holiday or weekend (the exchange would have moved them)")
                .register(registry);
    }
}
