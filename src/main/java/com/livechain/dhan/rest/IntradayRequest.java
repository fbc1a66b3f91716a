package com.livechain.dhan.rest;

import java.time.LocalDate;
import java.util.Objects;

import com.livechain.chain.ExchangeSegment;

/**
 * Intraday candles of one instrument, {@code POST /v2/charts/intraday} (protocol §7.2).
 *
 * @param securityId      the instrument's security id (13 for the NIFTY index)
 * @param segment         its segment: {@code IDX_I} for an index, {@code NSE_FNO} / {@code BSE_FNO} for an option
 * @param instrument      Dhan's instrument type: {@code INDEX}, {@code OPTIDX}, {@code FUTIDX}, {@code EQUITY} ...
 * @param intervalMinutes 1, 5, 15, 25 or 60
 * @param openInterest    ask for {@code open_interest} too (F&amp;O)
 * @param from            first day wanted, IST
 * @param to              last day wanted, IST, inclusive (the client over-fetches and trims, since the
 *                        boundaries' inclusivity is disputed)
 */
public record IntradayRequest(long securityId, ExchangeSegment segment, String instrument, int intervalMinutes,
                              boolean openInterest, LocalDate from, LocalDate to) {

    public IntradayRequest {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (instrument.isBlank()) {
            throw new IllegalArgumentException("instrument must be a Dhan instrument type such as INDEX or OPTIDX");
        }
        if (intervalMinutes != 1 && intervalMinutes != 5 && intervalMinutes != 15 && intervalMinutes != 25
                && intervalMinutes != 60) {
            throw new IllegalArgumentException("intervalMinutes must be 1, 5, 15, 25 or 60, was " + intervalMinutes);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    /** The same request for the days {@code from} to {@code to}. */
    public IntradayRequest forDays(LocalDate from, LocalDate to) {
        return new IntradayRequest(securityId, segment, instrument, intervalMinutes, openInterest, from, to);
    }
}
