package com.livechain.history;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the IV backfill needs of the history store: which days it holds, and a way to add the days it fills.
 * The store implements it over its daily table (one row per underlying and date).
 */
public interface IvHistoryWriter {

    /**
     * The dates in {@code [from, to]} (both inclusive) for which {@code underlying} has an IV-history value, of
     * either origin. {@code underlying} is the upper-case symbol, e.g. {@code NIFTY}.
     */
    Set<LocalDate> daysPresent(String underlying, LocalDate from, LocalDate to);

    /**
     * Stores {@code days} (all {@link IvDay.Origin#BACKFILLED}) for {@code underlying}, atomically: all of them or,
     * on failure, none. A date that already holds a {@link IvDay.Origin#RECORDED} value keeps it: what was seen live
     * is never overwritten by what was filled in afterwards. A date holding a BACKFILLED value may be replaced.
     *
     * @throws RuntimeException when the store cannot write them; nothing of the batch is then stored
     */
    void upsertBackfilled(String underlying, List<IvDay> days);
}
