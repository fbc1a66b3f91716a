package com.livechain.history.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.livechain.analytics.IvRank;
import com.livechain.chain.MarketSource;

/**
 * The IV history ({@code iv_day}): one value per underlying and trading day, kept for ever. The recorder
 * writes today's value at every interval (so the day ends with its last recorded minute's value); the backfill
 * writes the days it finds missing.
 *
 * <p>A recorded day is never replaced by a backfilled one: what this service saw wins over what it was told
 * later. Otherwise a write replaces the day (the recorder's later minute, or a corrected backfill).
 */
public final class IvHistoryStore {

    private static final String UPSERT = """
            INSERT INTO iv_day (source, underlying, day, atm_iv, origin, expiry, taken_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, underlying, day) DO UPDATE SET
                atm_iv = excluded.atm_iv, origin = excluded.origin, expiry = excluded.expiry,
                taken_at = excluded.taken_at
            WHERE iv_day.origin = 'BACKFILLED' OR excluded.origin = 'RECORDED'""";

    private final HistoryDatabase db;

    public IvHistoryStore(HistoryDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
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
