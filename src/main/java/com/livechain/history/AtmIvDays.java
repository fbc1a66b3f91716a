package com.livechain.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.livechain.dhan.rest.RollingField;
import com.livechain.dhan.rest.RollingOptionSeries;
import com.livechain.market.MarketHours;

/**
 * Turns an ATM call series and an ATM put series of {@code /v2/charts/rollingoption} into IV-history days: for
 * each day, the mean of the call's and the put's IV at the last minute of the day at which both have one, on the
 * same strike (the contract's "at the day's last recorded minute"; a zero IV is a bar without a trade, not a
 * value). A day without such a minute yields nothing.
 */
public final class AtmIvDays {

    private AtmIvDays() {
    }

    /** The IV-history days among {@code wanted} that the two series give values for, ascending. */
    public static List<IvDay> of(RollingOptionSeries call, RollingOptionSeries put, Collection<LocalDate> wanted) {
        Set<LocalDate> days = Set.copyOf(wanted);
        long[] ct = call.timestamps();
        long[] pt = put.timestamps();
        double[] civ = call.values(RollingField.IV);
        double[] piv = put.values(RollingField.IV);
        double[] cStrike = call.values(RollingField.STRIKE);
        double[] pStrike = put.values(RollingField.STRIKE);
        List<IvDay> out = new ArrayList<>();
        // Walk both (ascending) series from the end: the first common minute met for a day is its last.
        int i = ct.length - 1;
        int j = pt.length - 1;
        LocalDate done = null;
        while (i >= 0 && j >= 0) {
            if (ct[i] > pt[j]) {
                i--;
                continue;
            }
            if (pt[j] > ct[i]) {
                j--;
                continue;
            }
            LocalDate day = MarketHours.today(Instant.ofEpochSecond(ct[i]));
            if (!day.equals(done) && days.contains(day) && civ[i] > 0 && piv[j] > 0 && cStrike[i] == pStrike[j]) {
                out.add(new IvDay(day, (civ[i] + piv[j]) / 2, IvDay.Origin.BACKFILLED));
                done = day;
            }
            i--;
            j--;
        }
        Collections.reverse(out);
        return out;
    }
}
