package com.livechain.universe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.Predicate;

import com.livechain.market.MarketHours;

/**
 * When to reload the instrument list: once each trading day at {@code livechain.reload-at} IST (08:45 by
 * default, after the exchanges publish the day's contracts and before the 09:00 pre-open), and again after a
 * failure, with a backoff of 1, 2, 4 ... up to 15 minutes, until that day's reload succeeds. Pure decisions on
 * the clock it is given, so tests drive it with a test clock; {@link DailyReloadRunner} asks it every few
 * seconds.
 *
 * <p>A start-up after the reload time counts as that day's reload: the list it read is the day's list.
 */
public final class DailyReload {

    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(15);

    private final Clock clock;
    private final LocalTime at;
    private final Predicate<LocalDate> tradingDay;
    /** The trading day whose reload is done (the start-up load counts); guarded by this. */
    private LocalDate doneFor;
    private int failures;
    private Instant retryAt = Instant.MIN;

    public DailyReload(Clock clock, LocalTime at, Predicate<LocalDate> tradingDay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.at = Objects.requireNonNull(at, "at");
        this.tradingDay = Objects.requireNonNull(tradingDay, "tradingDay");
    }

    /** The universe was loaded now (start-up): today's reload is due only if the reload time is still ahead. */
    public synchronized void loaded() {
        ZonedDateTime now = clock.instant().atZone(MarketHours.IST);
        doneFor = now.toLocalTime().isBefore(at) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
        failures = 0;
        retryAt = Instant.MIN;
    }

    /** Whether a reload should run now. */
    public synchronized boolean due() {
        if (doneFor == null) {
            return false;
        }
        Instant instant = clock.instant();
        ZonedDateTime now = instant.atZone(MarketHours.IST);
        LocalDate today = now.toLocalDate();
        return today.isAfter(doneFor) && tradingDay.test(today) && !now.toLocalTime().isBefore(at)
                && !instant.isBefore(retryAt);
    }

    /** Records the outcome of a reload that {@link #due()} asked for. */
    public synchronized void ran(ReloadResult result) {
        if (result.outcome() == ReloadResult.Outcome.FAILED) {
            failures++;
            retryAt = clock.instant().plus(backoff(failures));
        } else {
            doneFor = clock.instant().atZone(MarketHours.IST).toLocalDate();
            failures = 0;
            retryAt = Instant.MIN;
        }
    }

    /** When the next attempt may run after a failure, or {@code null} when none is pending. */
    public synchronized Instant retryAt() {
        return failures == 0 ? null : retryAt;
    }

    static Duration backoff(int failures) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }
}
