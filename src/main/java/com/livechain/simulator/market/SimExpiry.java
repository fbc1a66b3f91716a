package com.livechain.simulator.market;

import java.time.Instant;
import java.time.LocalDate;

import com.livechain.market.MarketHours;

/**
 * One listed expiry of an index: its ascending strikes and the call and put at each. The strike grid grows at
 * both ends when the index moves far from where it was listed ({@link MarketListing#extendStrikes}); the arrays
 * are then replaced, never changed in place, and always read under the market's monitor.
 */
public final class SimExpiry {

    public final SimIndex index;
    public final LocalDate date;
    public final ExpiryCalendar.Kind kind;
    /** 0 for the nearest expiry of the index, 1 for the next, ...: far expiries trade less. Re-ranked on listing. */
    int rank;
    final Instant close;
    public int[] strikes;
    public SimLeg[] calls;
    public SimLeg[] puts;
    /** Security id of the index future of this expiry (monthly and longer), or 0 for a weekly. */
    long futureId;

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

    /** The future's security id; 0 for a weekly, which has no future of its own. */
    public long futureId() {
        return futureId;
    }

    /** Whether the expiry closed (15:30 IST on its day) by {@code now}. */
    public boolean closedBy(Instant now) {
        return !close.isAfter(now);
    }

    /** Index of the listed strike nearest to {@code level}. */
    int nearestStrikeIndex(double level) {
        int step = index.spec.strikeStep();
        int i = (int) Math.round((level - strikes[0]) / step);
        return Math.max(0, Math.min(strikes.length - 1, i));
    }
}
