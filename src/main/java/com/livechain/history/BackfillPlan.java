package com.livechain.history;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The rolling-option calls that fill a set of missing days: runs of days read under the same {@code expiryCode}
 * ({@link IvHistoryExpiry#forDay}), each spanning at most {@value #MAX_SPAN_DAYS} calendar days, Dhan's window of
 * one call. Each chunk costs two calls (ATM call and ATM put) whatever its span, so a chunk runs across days
 * already present rather than being cut at them: fewer calls is what the rate limit rewards.
 */
public final class BackfillPlan {

    /** Calendar days one rolling-option call may cover (protocol §7.5). */
    public static final int MAX_SPAN_DAYS = 30;

    /** One pair of calls: the days {@code from} to {@code to} under one code, filling {@code days}. */
    public record Chunk(LocalDate from, LocalDate to, int expiryCode, List<LocalDate> days) {

        public Chunk {
            days = List.copyOf(days);
        }
    }

    private BackfillPlan() {
    }

    public static List<Chunk> plan(Collection<LocalDate> missing, IvHistoryExpiry expiries) {
        List<Chunk> chunks = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        int code = 0;
        for (LocalDate day : new TreeSet<>(missing)) {
            int dayCode = expiries.forDay(day).expiryCode();
            boolean fits = !days.isEmpty() && dayCode == code
                    && ChronoUnit.DAYS.between(days.get(0), day) < MAX_SPAN_DAYS;
            if (!fits && !days.isEmpty()) {
                chunks.add(new Chunk(days.get(0), days.get(days.size() - 1), code, days));
                days = new ArrayList<>();
            }
            days.add(day);
            code = dayCode;
        }
        if (!days.isEmpty()) {
            chunks.add(new Chunk(days.get(0), days.get(days.size() - 1), code, days));
        }
        return chunks;
    }
}
