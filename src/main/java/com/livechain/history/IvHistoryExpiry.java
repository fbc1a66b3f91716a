package com.livechain.history;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

import com.livechain.chain.ExchangeSegment;

/**
 * Which expiry an underlying's IV-history value reads on a given day: the nearest monthly expiry with at least
 * {@value #MIN_DAYS_LEFT} calendar days left (the contract's definition), and the rolling-option
 * {@code expiryCode} under {@code expiryFlag MONTH} that names it that day.
 *
 * <p>Past monthly expiries are not listed anywhere, so they are computed by the exchanges' rule (protocol §12): the
 * last Tuesday of the month for NSE's index options, the last Thursday for BSE's (SEBI/HO/MRD/TPD-1/P/CIR/2025/76,
 * for contracts expiring from 1 September 2025; before that NSE's were on Thursdays and BSE's on Tuesdays), moved to
 * the previous trading day when that day is a holiday (§12, confirmed by the 2026 shifts).
 *
 * <p>Dhan's {@code expiryCode} 1 is the nearest expiry not yet expired, still the one expiring that afternoon on its
 * expiry day; 2 is the one after (protocol §7.5, live-tested). So the IV history asks code 1 while the nearest
 * monthly is at least 7 days away, and code 2 in the last 6 days of a monthly cycle and on the expiry day itself.
 */
public final class IvHistoryExpiry {

    /** The contract's "at least 7 calendar days left": the front month's last week is left out. */
    public static final int MIN_DAYS_LEFT = 7;
    /** The first month whose index options expire on the post-SEBI-2025 weekday. */
    private static final YearMonth WEEKDAY_CHANGE = YearMonth.of(2025, 9);

    /** The expiry the IV history reads on a day, and the rolling-option code that names it. */
    public record Choice(LocalDate expiry, int expiryCode) {
    }

    private final ExchangeSegment segment;
    private final TradingDays tradingDays;

    /** @param segment where the underlying's options trade: {@code NSE_FNO} or {@code BSE_FNO} */
    public IvHistoryExpiry(ExchangeSegment segment, TradingDays tradingDays) {
        this.segment = Objects.requireNonNull(segment, "segment");
        this.tradingDays = Objects.requireNonNull(tradingDays, "tradingDays");
        if (segment != ExchangeSegment.NSE_FNO && segment != ExchangeSegment.BSE_FNO) {
            throw new IllegalArgumentException("index options trade on NSE_FNO or BSE_FNO, not " + segment);
        }
    }

    /** The monthly expiry of {@code month}: its last expiry weekday, or the trading day before it if a holiday. */
    public LocalDate monthly(YearMonth month) {
        LocalDate scheduled = month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(weekday(month)));
        return tradingDays.isTradingDay(scheduled) ? scheduled : tradingDays.previousTradingDay(scheduled);
    }

    /** The nearest monthly expiry on or after {@code day}: on its expiry day, the one expiring that afternoon. */
    public LocalDate nearestMonthly(LocalDate day) {
        YearMonth month = YearMonth.from(day);
        LocalDate expiry = monthly(month);
        return expiry.isBefore(day) ? monthly(month.plusMonths(1)) : expiry;
    }

    /** The expiry the IV history reads on {@code day} and the {@code expiryCode} that names it. */
    public Choice forDay(LocalDate day) {
        LocalDate nearest = nearestMonthly(day);
        if (ChronoUnit.DAYS.between(day, nearest) >= MIN_DAYS_LEFT) {
            return new Choice(nearest, 1);
        }
        return new Choice(monthly(YearMonth.from(nearest).plusMonths(1)), 2);
    }

    private DayOfWeek weekday(YearMonth month) {
        boolean nse = segment == ExchangeSegment.NSE_FNO;
        if (month.isBefore(WEEKDAY_CHANGE)) {
            return nse ? DayOfWeek.THURSDAY : DayOfWeek.TUESDAY;
        }
        return nse ? DayOfWeek.TUESDAY : DayOfWeek.THURSDAY;
    }
}
