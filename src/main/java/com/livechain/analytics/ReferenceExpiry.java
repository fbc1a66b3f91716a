package com.livechain.analytics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Which expiry the IV history is read from (the contract): the nearest <em>monthly</em> expiry with at least
 * {@value #MIN_DAYS_LEFT} calendar days left. A weekly's IV swings with its own event risk and collapses into
 * expiry; a month or so out is the horizon an IV rank is quoted for, and rolling a week before expiry keeps the
 * series from the last days' distortion.
 *
 * <p>The monthly expiry of a month is the last expiry listed in it: NSE's and BSE's monthly contracts expire on
 * the last expiry day of the month, after that month's weeklies, and quarterlies and half-yearlies are monthly
 * contracts of their month. An underlying listing monthlies only (BANKNIFTY, FINNIFTY, MIDCPNIFTY since
 * November 2024) has every expiry monthly.
 */
public final class ReferenceExpiry {

    /** Calendar days an expiry must have left to be the IV history's reference. */
    public static final int MIN_DAYS_LEFT = 7;

    private ReferenceExpiry() {}

    /**
     * @param listed the underlying's listed expiries (any order)
     * @param today  the trading day, IST
     * @return the nearest monthly expiry at least {@value #MIN_DAYS_LEFT} days after {@code today}, or empty
     */
    public static Optional<LocalDate> forIvHistory(List<LocalDate> listed, LocalDate today) {
        LocalDate best = null;
        for (LocalDate expiry : listed) {
            if (ChronoUnit.DAYS.between(today, expiry) >= MIN_DAYS_LEFT && isMonthly(expiry, listed)
                    && (best == null || expiry.isBefore(best))) {
                best = expiry;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether {@code expiry} is the last listed expiry of its calendar month. */
    public static boolean isMonthly(LocalDate expiry, List<LocalDate> listed) {
        YearMonth month = YearMonth.from(expiry);
        for (LocalDate other : listed) {
            if (other.isAfter(expiry) && YearMonth.from(other).equals(month)) {
                return false;
            }
        }
        return true;
    }
}
