package com.livechain.dhan.rest;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.OptionType;

/**
 * One series of Dhan's expired-options data, {@code POST /v2/charts/rollingoption} (protocol §7.5): an
 * ATM-relative strike of the nearest, next, ... weekly or monthly expiry of an underlying, as it rolled from
 * contract to contract, bar by bar.
 *
 * @param underlyingSecurityId the underlying's {@code IDX_I} security id (13 for NIFTY), not an option's
 * @param segment              where the options trade: {@code NSE_FNO}, or {@code BSE_FNO} for SENSEX and BANKEX
 *                             (under NSE_FNO those answer 200 with empty arrays)
 * @param expiryFlag           weekly or monthly expiries
 * @param expiryCode           1 = the nearest expiry (on its expiry day still the one expiring that afternoon),
 *                             2 = the next, 3 = the one after; 0 is refused live ("expiryCode is required")
 * @param strike               {@code ATM}, {@code ATM+1} ... {@code ATM+10}, {@code ATM-1} ... {@code ATM-10}
 * @param type                 call or put ({@code drvOptionType} CALL / PUT)
 * @param intervalMinutes      bar size: 1, 5, 15 or 60 (25 is listed by the docs but refused live)
 * @param from                 first day wanted, IST
 * @param to                   last day wanted, IST, inclusive (the client asks one day more and trims, since
 *                             the docs and a live test disagree on whether {@code toDate} is inclusive)
 * @param fields               the series wanted ({@code requiredData}); the rest come back as {@code []}
 */
public record RollingOptionRequest(long underlyingSecurityId, ExchangeSegment segment, ExpiryFlag expiryFlag,
                                   int expiryCode, String strike, OptionType type, int intervalMinutes,
                                   LocalDate from, LocalDate to, Set<RollingField> fields) {

    /** {@code expiryFlag}. */
    public enum ExpiryFlag { WEEK, MONTH }

    private static final Pattern STRIKE = Pattern.compile("ATM([+-]([1-9]|10))?");

    public RollingOptionRequest {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(expiryFlag, "expiryFlag");
        Objects.requireNonNull(strike, "strike");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (segment != ExchangeSegment.NSE_FNO && segment != ExchangeSegment.BSE_FNO) {
            throw new IllegalArgumentException("segment must be NSE_FNO or BSE_FNO, was " + segment);
        }
        if (expiryCode < 1 || expiryCode > 3) {
            throw new IllegalArgumentException("expiryCode must be 1 (nearest), 2 or 3, was " + expiryCode);
        }
        if (!STRIKE.matcher(strike).matches()) {
            throw new IllegalArgumentException("strike must be ATM or ATM+n / ATM-n with n from 1 to 10, was " + strike);
        }
        if (intervalMinutes != 1 && intervalMinutes != 5 && intervalMinutes != 15 && intervalMinutes != 60) {
            throw new IllegalArgumentException("intervalMinutes must be 1, 5, 15 or 60, was " + intervalMinutes);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("fields must name at least one series");
        }
        // Enum order, so the body lists requiredData the same way every time.
        fields = java.util.Collections.unmodifiableSet(EnumSet.copyOf(fields));
    }

    /** The same request for the days {@code from} to {@code to}. */
    public RollingOptionRequest forDays(LocalDate from, LocalDate to) {
        return new RollingOptionRequest(underlyingSecurityId, segment, expiryFlag, expiryCode, strike, type,
                intervalMinutes, from, to, fields);
    }

    /** The same request for the other side, or this side. */
    public RollingOptionRequest withType(OptionType type) {
        return new RollingOptionRequest(underlyingSecurityId, segment, expiryFlag, expiryCode, strike, type,
                intervalMinutes, from, to, fields);
    }

    /** Dhan's {@code drvOptionType}. */
    public String optionType() {
        return type == OptionType.CE ? "CALL" : "PUT";
    }
}
