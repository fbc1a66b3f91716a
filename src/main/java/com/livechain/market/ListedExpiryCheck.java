package com.livechain.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the expiries Dhan lists against the exchange's holiday rule (protocol §12): an expiry that falls on a
 * closed day moves to the previous trading day, so a listed expiry on a holiday or a weekend means the list or
 * the calendar is wrong. It only warns: the expiries served are always the ones Dhan lists, never computed ones.
 */
public final class ListedExpiryCheck {

    private static final Logger log = LoggerFactory.getLogger(ListedExpiryCheck.class);

    private final ExchangeCalendar calendar;
    /** Per underlying, how many listed expiries the last check found on closed days. */
    private final Map<String, Integer> found = new ConcurrentHashMap<>();

    public ListedExpiryCheck(ExchangeCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** Logs a WARN for each of {@code underlying}'s listed expiries that falls on a closed day; returns them. */
    public List<LocalDate> check(String underlying, Collection<LocalDate> listed) {
        List<LocalDate> closed = new ArrayList<>();
        for (LocalDate expiry : listed) {
            calendar.listedExpiryProblem(expiry).ifPresent(problem -> {
                closed.add(expiry);
                log.warn("Dhan lists a {} expiry on a closed day: {}. Check the exchange calendar "
                        + "(livechain.calendar.*) or Dhan's list; the chain is served as Dhan lists it.", underlying, problem);
            });
        }
        found.put(underlying, closed.size());
        return closed;
    }

    /** Listed expiries on closed days, across underlyings, at the last check of each. */
    public int onClosedDays() {
        return found.values().stream().mapToInt(Integer::intValue).sum();
    }
}
