package com.livechain.history.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.livechain.analytics.IvRank;
import com.livechain.chain.MarketSource;
import com.livechain.history.IvHistoryWriter;
import com.livechain.market.MarketHours;

/**
 * The IV history ({@code iv_day}): one value per underlying and trading day, kept for ever. The recorder
 * writes today's value at every interval (so the day ends with its last recorded minute's value); the backfill
 * writes the days it finds missing.
 *
 * <p>A recorded day is never replaced by a backfilled one: what this service saw wins over what it was told
 * later. Otherwise a write replaces the day (the recorder's later minute, or a corrected backfill).
 *
 * <p>As the backfill's {@link IvHistoryWriter} it reads and writes the days of the source the chain is loaded
 * from ({@code DHAN}, or {@code SIMULATED} against the simulator's past). After each committed write it says
 * which underlyings changed ({@link IvHistoryWritten}), so the live summary's IV rank follows without a query
 * per request.
 */
public final class IvHistoryStore implements IvHistoryWriter {

    private static final String UPSERT = """
            INSERT INTO iv_day (source, underlying, day, atm_iv, origin, expiry, taken_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, underlying, day) DO UPDATE SET
                atm_iv = excluded.atm_iv, origin = excluded.origin, expiry = excluded.expiry,
                taken_at = excluded.taken_at
            WHERE iv_day.origin = 'BACKFILLED' OR excluded.origin = 'RECORDED'""";

    private final HistoryDatabase db;
    private final Supplier<Optional<MarketSource>> currentSource;
    private final Consumer<IvHistoryWritten> written;

    /** A store that only the recorder and the API use: no backfill source, nobody told of writes. */
    public IvHistoryStore(HistoryDatabase db) {
        this(db, Optional::empty, w -> { });
    }

    /**
     * @param currentSource the source the chain is loaded from (the backfill's days are that source's); empty
     *                      while the chain loads
     * @param written       told, after the commit, which underlyings' days a write changed
     */
    public IvHistoryStore(HistoryDatabase db, Supplier<Optional<MarketSource>> currentSource,
                          Consumer<IvHistoryWritten> written) {
        this.db = Objects.requireNonNull(db, "db");
        this.currentSource = Objects.requireNonNull(currentSource, "currentSource");
        this.written = Objects.requireNonNull(written, "written");
    }

    /**
     * Writes one day in its own transaction (the backfill's call). Throws when the database fails.
     *
     * @param atmIv the day's ATM IV in percent
     */
    public void upsert(MarketSource source, String underlying, LocalDate date, double atmIv, Origin origin) {
        upsert(source, List.of(new IvDay(underlying, date, atmIv, origin, null, Instant.now())));
    }

    /** Writes days in one transaction: all of them or, on a failure, none. */
    public void upsert(MarketSource source, List<IvDay> days) {
        db.migrate();
        db.transactions().executeWithoutResult(status -> upsertInTransaction(db.writes(), source, days));
        committed(source, days);
    }

    /** Says which underlyings {@code days}, just committed, changed; a listener's failure is not the write's. */
    void committed(MarketSource source, List<IvDay> days) {
        if (days.isEmpty()) {
            return;
        }
        Set<String> underlyings = new LinkedHashSet<>();
        days.forEach(d -> underlyings.add(d.underlying()));
        try {
            written.accept(new IvHistoryWritten(source, underlyings));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(IvHistoryStore.class)
                    .warn("After writing the IV history of {}: {}", underlyings, e.toString());
        }
    }

    @Override
    public Set<LocalDate> daysPresent(String underlying, LocalDate from, LocalDate to) {
        MarketSource source = backfillSource();
        db.migrate();
        return new TreeSet<>(db.reads().query("SELECT day FROM iv_day"
                        + " WHERE source = ? AND underlying = ? AND day >= ? AND day <= ?",
                (rs, n) -> LocalDate.parse(rs.getString("day")),
                source.name(), underlying, from.toString(), to.toString()));
    }

    /**
     * The backfill's days, in one transaction; a RECORDED day keeps its value (the upsert's condition). A
     * backfilled day is taken at its session's close: Dhan's last one-minute bar of the day.
     */
    @Override
    public void upsertBackfilled(String underlying, List<com.livechain.history.IvDay> days) {
        MarketSource source = backfillSource();
        List<IvDay> rows = days.stream()
                .map(d -> new IvDay(underlying, d.date(), d.atmIv(), Origin.valueOf(d.origin().name()), null,
                        d.date().atTime(SESSION_CLOSE).atZone(MarketHours.IST).toInstant()))
                .toList();
        upsert(source, rows);
    }

    private static final LocalTime SESSION_CLOSE = LocalTime.of(15, 30);

    private MarketSource backfillSource() {
        return currentSource.get().orElseThrow(() -> new IllegalStateException(
                "the IV history has no source yet: the option chains are still loading"));
    }

    void upsertInTransaction(JdbcTemplate jdbc, MarketSource source, List<IvDay> days) {
        if (days.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                IvDay day = days.get(i);
                ps.setString(1, source.name());
                ps.setString(2, day.underlying());
                ps.setString(3, day.date().toString());
                ps.setDouble(4, day.atmIv());
                ps.setString(5, day.origin().name());
                ps.setString(6, day.expiry() == null ? null : day.expiry().toString());
                ps.setLong(7, day.takenAt().getEpochSecond());
            }

            @Override
            public int getBatchSize() {
                return days.size();
            }
        });
    }

    /** The days on or after {@code from}, newest first (the contract's order). */
    public List<IvDay> daysSince(MarketSource source, String underlying, LocalDate from) {
        db.migrate();
        return db.reads().query("SELECT day, atm_iv, origin, expiry, taken_at FROM iv_day"
                        + " WHERE source = ? AND underlying = ? AND day >= ? ORDER BY day DESC",
                (rs, n) -> new IvDay(underlying, LocalDate.parse(rs.getString("day")), rs.getDouble("atm_iv"),
                        Origin.valueOf(rs.getString("origin")),
                        rs.getString("expiry") == null ? null : LocalDate.parse(rs.getString("expiry")),
                        Instant.ofEpochSecond(rs.getLong("taken_at"))),
                source.name(), underlying, from.toString());
    }

    /** The last {@code n} days recorded or backfilled, newest first: what the backfill looks at for gaps. */
    public List<IvDay> days(MarketSource source, String underlying, int n) {
        return db.reads().query("SELECT day, atm_iv, origin, expiry, taken_at FROM iv_day"
                        + " WHERE source = ? AND underlying = ? ORDER BY day DESC LIMIT ?",
                (rs, i) -> new IvDay(underlying, LocalDate.parse(rs.getString("day")), rs.getDouble("atm_iv"),
                        Origin.valueOf(rs.getString("origin")),
                        rs.getString("expiry") == null ? null : LocalDate.parse(rs.getString("expiry")),
                        Instant.ofEpochSecond(rs.getLong("taken_at"))),
                source.name(), underlying, n);
    }

    /** IV rank and percentile of days given newest first, as {@link #daysSince} and {@link #days} return them. */
    public static IvRank rank(List<IvDay> newestFirst) {
        double[] oldestFirst = new double[newestFirst.size()];
        for (int i = 0; i < oldestFirst.length; i++) {
            oldestFirst[i] = newestFirst.get(newestFirst.size() - 1 - i).atmIv();
        }
        return IvRank.of(oldestFirst);
    }
}
