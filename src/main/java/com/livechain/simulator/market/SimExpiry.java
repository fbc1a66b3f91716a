package com.livechain.simulator.market;

import java.time.Instant;
import java.time.LocalDate;

import com.livechain.market.MarketHours;

/** One listed expiry of an index: its ascending strikes and the call and put at each. */
public final class SimExpiry {

    public final SimIndex index;
    public final LocalDate date;
    public final ExpiryCalendar.Kind kind;
    /** 0 for the nearest expiry of the index, 1 for the next, ...: far expiries trade less. */
    final int rank;
    final Instant close;
    public final int[] strikes;
    public final SimLeg[] calls;
    public final SimLeg[] puts;

    SimExpiry(SimIndex index, LocalDate date, ExpiryCalendar.Kind kind, int rank, int[] strikes) {
        this.index = index;
        this.date = date;
        this.kind = kind;
        this.rank = rank;
        this.close = MarketHours.expiryClose(date);
        this.strikes = strikes;
        this.calls = new SimLeg[strikes.length];
        this.puts = new SimLeg[strikes.length];
    }

    public String flag() {
        return kind == ExpiryCalendar.Kind.WEEKLY ? "W" : "M";
    }

    /** Index of the listed strike nearest to {@code level}. */
    int nearestStrikeIndex(double level) {
        int step = index.spec.strikeStep();
        int i = (int) Math.round((level - strikes[0]) / step);
        return Math.max(0, Math.min(strikes.length - 1, i));
    }
}
