package com.livechain.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The backfill's view of the history store, in memory, keeping a RECORDED day as the real store must. */
final class InMemoryIvHistory implements IvHistoryWriter {

    private final Map<String, NavigableMap<LocalDate, IvDay>> days = new ConcurrentHashMap<>();
    private final List<String> writes = new ArrayList<>();
    volatile RuntimeException failNextWrite;

    @Override
    public synchronized Set<LocalDate> daysPresent(String underlying, LocalDate from, LocalDate to) {
        return new TreeSet<>(of(underlying).subMap(from, true, to, true).keySet());
    }

    @Override
    public synchronized void upsertBackfilled(String underlying, List<IvDay> batch) {
        RuntimeException failure = failNextWrite;
        if (failure != null) {
            failNextWrite = null;
            throw failure;
        }
        NavigableMap<LocalDate, IvDay> held = of(underlying);
        for (IvDay day : batch) {
            if (day.origin() != IvDay.Origin.BACKFILLED) {
                throw new IllegalArgumentException("the backfill wrote a " + day.origin() + " day");
            }
            IvDay existing = held.get(day.date());
            if (existing == null || existing.origin() != IvDay.Origin.RECORDED) {
                held.put(day.date(), day);
            }
        }
        writes.add(underlying + " " + batch.size());
    }

    synchronized void record(String underlying, LocalDate date, double atmIv) {
        of(underlying).put(date, new IvDay(date, atmIv, IvDay.Origin.RECORDED));
    }

    synchronized NavigableMap<LocalDate, IvDay> days(String underlying) {
        return new TreeMap<>(of(underlying));
    }

    synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    private NavigableMap<LocalDate, IvDay> of(String underlying) {
        return days.computeIfAbsent(underlying, u -> new TreeMap<>());
    }
}
