package com.livechain.history.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.livechain.chain.MarketSource;

/**
 * The per-interval tables ({@code expiry_point}, {@code strike_point}) and the writing of one interval's
 * batch. Plain SQL that SQLite and PostgreSQL both run: {@code INSERT ... ON CONFLICT ... DO UPDATE} (SQLite
 * 3.24, PostgreSQL 9.5) so that an interval recorded again, after a restart within the same minute, replaces
 * its rows; range reads on the primary keys.
 */
public final class HistoryStore {

    private static final String UPSERT_EXPIRY = """
            INSERT INTO expiry_point (source, underlying, expiry, t, spot, forward, atm_strike, atm_iv, straddle, pcr,
                                      max_pain, total_ce_oi, total_pe_oi)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, underlying, expiry, t) DO UPDATE SET
                spot = excluded.spot, forward = excluded.forward, atm_strike = excluded.atm_strike,
                atm_iv = excluded.atm_iv, straddle = excluded.straddle, pcr = excluded.pcr,
                max_pain = excluded.max_pain, total_ce_oi = excluded.total_ce_oi, total_pe_oi = excluded.total_pe_oi""";

    private static final String UPSERT_STRIKE = """
            INSERT INTO strike_point (source, underlying, expiry, strike, t,
                                      ce_ltp, ce_bid, ce_ask, ce_iv, ce_oi, ce_volume,
                                      pe_ltp, pe_bid, pe_ask, pe_iv, pe_oi, pe_volume)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, underlying, expiry, strike, t) DO UPDATE SET
                ce_ltp = excluded.ce_ltp, ce_bid = excluded.ce_bid, ce_ask = excluded.ce_ask, ce_iv = excluded.ce_iv,
                ce_oi = excluded.ce_oi, ce_volume = excluded.ce_volume,
                pe_ltp = excluded.pe_ltp, pe_bid = excluded.pe_bid, pe_ask = excluded.pe_ask, pe_iv = excluded.pe_iv,
                pe_oi = excluded.pe_oi, pe_volume = excluded.pe_volume""";

    private static final String EXPIRY_COLUMNS =
            "t, spot, forward, atm_strike, atm_iv, straddle, pcr, max_pain, total_ce_oi, total_pe_oi";
    private static final String STRIKE_COLUMNS = "t, ce_ltp, ce_bid, ce_ask, ce_iv, ce_oi, ce_volume,"
            + " pe_ltp, pe_bid, pe_ask, pe_iv, pe_oi, pe_volume";

    private final HistoryDatabase db;
    private final IvHistoryStore ivHistory;

    public HistoryStore(HistoryDatabase db, IvHistoryStore ivHistory) {
        this.db = Objects.requireNonNull(db, "db");
        this.ivHistory = Objects.requireNonNull(ivHistory, "ivHistory");
    }

    /**
     * Writes one interval: every row of the batch in one transaction, so a reader sees the interval whole or
     * not at all. Throws (nothing written) when the database fails or is too slow.
     */
    public void write(HistoryBatch batch) {
        db.migrate();
        db.transactions().executeWithoutResult(status -> {
            JdbcTemplate jdbc = db.writes();
            String source = batch.source().name();
            List<ExpiryPoint> expiries = batch.expiries();
            if (!expiries.isEmpty()) {
                jdbc.batchUpdate(UPSERT_EXPIRY, new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ExpiryPoint p = expiries.get(i);
                        ps.setString(1, source);
                        ps.setString(2, p.underlying());
                        ps.setString(3, p.expiry().toString());
                        ps.setLong(4, p.t().getEpochSecond());
                        Rows.setDouble(ps, 5, p.spot());
                        Rows.setDouble(ps, 6, p.forward());
                        Rows.setDouble(ps, 7, p.atmStrike());
                        Rows.setDouble(ps, 8, p.atmIv());
                        Rows.setDouble(ps, 9, p.straddle());
                        Rows.setDouble(ps, 10, p.pcr());
                        Rows.setDouble(ps, 11, p.maxPain());
                        Rows.setLong(ps, 12, p.totalCeOi());
                        Rows.setLong(ps, 13, p.totalPeOi());
                    }

                    @Override
                    public int getBatchSize() {
                        return expiries.size();
                    }
                });
            }
            List<StrikePoint> strikes = batch.strikes();
            if (!strikes.isEmpty()) {
                jdbc.batchUpdate(UPSERT_STRIKE, new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        StrikePoint p = strikes.get(i);
                        ps.setString(1, source);
                        ps.setString(2, p.underlying());
                        ps.setString(3, p.expiry().toString());
                        ps.setDouble(4, p.strike());
                        ps.setLong(5, p.t().getEpochSecond());
                        setLeg(ps, 6, p.ce());
                        setLeg(ps, 12, p.pe());
                    }

                    @Override
                    public int getBatchSize() {
                        return strikes.size();
                    }
                });
            }
            ivHistory.upsertInTransaction(jdbc, batch.source(), batch.days());
        });
    }

    private static void setLeg(PreparedStatement ps, int from, LegPoint leg) throws SQLException {
        Rows.setDouble(ps, from, leg.ltp());
        Rows.setDouble(ps, from + 1, leg.bid());
        Rows.setDouble(ps, from + 2, leg.ask());
        Rows.setDouble(ps, from + 3, leg.iv());
        Rows.setLong(ps, from + 4, leg.oi());
        Rows.setLong(ps, from + 5, leg.volume());
    }

    /** The expiry's recorded points with {@code from <= t <= to}, oldest first. */
    public List<ExpiryPoint> expirySeries(MarketSource source, String underlying, LocalDate expiry,
                                          Instant from, Instant to) {
        return db.reads().query("SELECT " + EXPIRY_COLUMNS + " FROM expiry_point"
                        + " WHERE source = ? AND underlying = ? AND expiry = ? AND t >= ? AND t <= ? ORDER BY t",
                (rs, n) -> new ExpiryPoint(underlying, expiry, Instant.ofEpochSecond(rs.getLong("t")),
                        Rows.getDouble(rs, "spot"), Rows.getDouble(rs, "forward"), Rows.getDouble(rs, "atm_strike"),
                        Rows.getDouble(rs, "atm_iv"), Rows.getDouble(rs, "straddle"), Rows.getDouble(rs, "pcr"),
                        Rows.getDouble(rs, "max_pain"), Rows.getLong(rs, "total_ce_oi"), Rows.getLong(rs, "total_pe_oi")),
                source.name(), underlying, expiry.toString(), from.getEpochSecond(), to.getEpochSecond());
    }

    /** One strike's recorded points with {@code from <= t <= to}, oldest first. */
    public List<StrikePoint> strikeSeries(MarketSource source, String underlying, LocalDate expiry, double strike,
                                          Instant from, Instant to) {
        return db.reads().query("SELECT " + STRIKE_COLUMNS + " FROM strike_point"
                        + " WHERE source = ? AND underlying = ? AND expiry = ? AND strike = ? AND t >= ? AND t <= ?"
                        + " ORDER BY t",
                (rs, n) -> new StrikePoint(underlying, expiry, strike, Instant.ofEpochSecond(rs.getLong("t")),
                        new LegPoint(Rows.getDouble(rs, "ce_ltp"), Rows.getDouble(rs, "ce_bid"),
                                Rows.getDouble(rs, "ce_ask"), Rows.getDouble(rs, "ce_iv"),
                                Rows.getLong(rs, "ce_oi"), Rows.getLong(rs, "ce_volume")),
                        new LegPoint(Rows.getDouble(rs, "pe_ltp"), Rows.getDouble(rs, "pe_bid"),
                                Rows.getDouble(rs, "pe_ask"), Rows.getDouble(rs, "pe_iv"),
                                Rows.getLong(rs, "pe_oi"), Rows.getLong(rs, "pe_volume"))),
                source.name(), underlying, expiry.toString(), strike, from.getEpochSecond(), to.getEpochSecond());
    }

    /** The newest recorded interval of the expiry at or before {@code notAfter}: where "the last session" is. */
    public Optional<Instant> latest(MarketSource source, String underlying, LocalDate expiry, Instant notAfter) {
        Long t = db.reads().queryForObject("SELECT MAX(t) FROM expiry_point"
                        + " WHERE source = ? AND underlying = ? AND expiry = ? AND t <= ?",
                Long.class, source.name(), underlying, expiry.toString(), notAfter.getEpochSecond());
        return Optional.ofNullable(t).map(Instant::ofEpochSecond);
    }

    /**
     * The expiries with any recorded point, ascending. One index seek per expiry (a loose index scan written
     * out), not a scan of every row as {@code SELECT DISTINCT} would be on SQLite.
     */
    public List<LocalDate> recordedExpiries(MarketSource source, String underlying) {
        List<LocalDate> expiries = new ArrayList<>();
        String after = "";
        // A few dozen expiries at most are recorded per underlying; the bound only guards against a loop.
        for (int i = 0; i < 1_000; i++) {
            String next = db.reads().queryForObject("SELECT MIN(expiry) FROM expiry_point"
                    + " WHERE source = ? AND underlying = ? AND expiry > ?", String.class, source.name(), underlying, after);
            if (next == null) {
                break;
            }
            expiries.add(LocalDate.parse(next));
            after = next;
        }
        return expiries;
    }

    /** Whether anything was ever recorded for the underlying. */
    public boolean hasUnderlying(MarketSource source, String underlying) {
        return !db.reads().queryForList("SELECT expiry FROM expiry_point WHERE source = ? AND underlying = ? LIMIT 1",
                String.class, source.name(), underlying).isEmpty();
    }

    /**
     * Deletes the per-interval rows older than {@code cutoff}, every source; the daily IV history is kept.
     *
     * @return rows deleted
     */
    public int deleteOlderThan(Instant cutoff) {
        db.migrate();
        long t = cutoff.getEpochSecond();
        Integer deleted = db.transactions().execute(status ->
                db.writes().update("DELETE FROM expiry_point WHERE t < ?", t)
                        + db.writes().update("DELETE FROM strike_point WHERE t < ?", t));
        return deleted == null ? 0 : deleted;
    }
}
