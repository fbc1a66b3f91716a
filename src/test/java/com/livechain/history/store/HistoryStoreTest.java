package com.livechain.history.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.livechain.chain.MarketSource;

/** The history tables on both databases: what is written reads back whole, replaced, bounded and kept apart. */
class HistoryStoreTest {

    static final LocalDate EXPIRY = LocalDate.of(2026, 12, 8);
    static final Instant T0 = Instant.parse("2026-12-02T03:46:00Z"); // 09:16 IST

    @TempDir
    Path dir;

    private HistoryDatabase db;
    private String url;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private HistoryStore open(HistoryDatabases which) {
        url = which.url(dir);
        db = HistoryDatabase.open(url, null, null, null);
        db.migrate();
        return new HistoryStore(db, new IvHistoryStore(db));
    }

    static ExpiryPoint expiry(String underlying, LocalDate expiry, Instant t, double spot) {
        return new ExpiryPoint(underlying, expiry, t, spot, spot + 68.2, 26000.0, 12.91, 301.55, 0.9431, 26000.0,
                123_456_700L, 116_432_025L);
    }

    static StrikePoint strike(Instant t, double strike, double ceLtp) {
        return new StrikePoint("NIFTY", EXPIRY, strike, t, new LegPoint(ceLtp, ceLtp - 0.15, ceLtp + 0.1, 12.87, 5_432_100L, 1_200_345L),
                new LegPoint(99.15, null, null, null, 6_102_375L, null));
    }

    static HistoryBatch batch(MarketSource source, Instant t, double spot) {
        return new HistoryBatch(source, t, List.of(expiry("NIFTY", EXPIRY, t, spot)),
                List.of(strike(t, 26000, 112.5), strike(t, 26050, 88.7)),
                List.of(new IvDay("NIFTY", LocalDate.of(2026, 12, 2), 12.95, Origin.RECORDED, LocalDate.of(2026, 12, 29), t)));
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void anIntervalReadsBackFieldForFieldWithNullsKept(HistoryDatabases which) {
        HistoryStore store = open(which);
        store.write(batch(MarketSource.DHAN, T0, 26012.3));

        assertThat(store.expirySeries(MarketSource.DHAN, "NIFTY", EXPIRY, T0, T0))
                .containsExactly(expiry("NIFTY", EXPIRY, T0, 26012.3));
        List<StrikePoint> strikes = store.strikeSeries(MarketSource.DHAN, "NIFTY", EXPIRY, 26000, T0, T0);
        assertThat(strikes).containsExactly(strike(T0, 26000, 112.5));
        assertThat(strikes.get(0).pe().bid()).as("never received stays null, not 0").isNull();
        assertThat(strikes.get(0).pe().volume()).isNull();
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void theSameIntervalWrittenAgainReplacesItsRowsInsteadOfAddingSome(HistoryDatabases which) {
        HistoryStore store = open(which);
        store.write(batch(MarketSource.DHAN, T0, 26012.3));
        store.write(batch(MarketSource.DHAN, T0, 26020.0));

        assertThat(store.expirySeries(MarketSource.DHAN, "NIFTY", EXPIRY, T0.minusSeconds(60), T0.plusSeconds(60)))
                .extracting(ExpiryPoint::spot).containsExactly(26020.0);
        assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT COUNT(*) FROM strike_point", Integer.class))
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void aRangeIsInclusiveOrderedAndKeepsSourcesApart(HistoryDatabases which) {
        HistoryStore store = open(which);
        for (int i = 0; i < 5; i++) {
            store.write(batch(MarketSource.DHAN, T0.plusSeconds(60L * i), 26000 + i));
        }
        store.write(batch(MarketSource.SIMULATED, T0.plusSeconds(60), 1.0));

        assertThat(store.expirySeries(MarketSource.DHAN, "NIFTY", EXPIRY, T0.plusSeconds(60), T0.plusSeconds(180)))
                .extracting(ExpiryPoint::spot).containsExactly(26001.0, 26002.0, 26003.0);
        assertThat(store.expirySeries(MarketSource.SIMULATED, "NIFTY", EXPIRY, T0, T0.plusSeconds(600)))
                .extracting(ExpiryPoint::spot).containsExactly(1.0);
        assertThat(store.latest(MarketSource.DHAN, "NIFTY", EXPIRY, T0.plusSeconds(200))).contains(T0.plusSeconds(180));
        assertThat(store.latest(MarketSource.DHAN, "NIFTY", EXPIRY, T0.minusSeconds(1))).isEmpty();
        assertThat(store.strikeSeries(MarketSource.DHAN, "NIFTY", EXPIRY, 26050, T0, T0.plusSeconds(600))).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void recordedExpiriesAndUnderlyingsAreListed(HistoryDatabases which) {
        HistoryStore store = open(which);
        LocalDate later = LocalDate.of(2026, 12, 29);
        store.write(new HistoryBatch(MarketSource.DHAN, T0, List.of(expiry("NIFTY", later, T0, 1), expiry("NIFTY", EXPIRY, T0, 1),
                expiry("BANKNIFTY", later, T0, 1)), List.of(), List.of()));

        assertThat(store.recordedExpiries(MarketSource.DHAN, "NIFTY")).containsExactly(EXPIRY, later);
        assertThat(store.recordedExpiries(MarketSource.SIMULATED, "NIFTY")).isEmpty();
        assertThat(store.hasUnderlying(MarketSource.DHAN, "BANKNIFTY")).isTrue();
        assertThat(store.hasUnderlying(MarketSource.DHAN, "SENSEX")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void aFailingIntervalLeavesNothingHalfWritten(HistoryDatabases which) {
        HistoryStore store = open(which);
        // The IV day, written last, is refused: on PostgreSQL its underlying is too long for VARCHAR(32); SQLite,
        // which does not enforce lengths, refuses it by a trigger. The 51 rows before it must not survive.
        List<StrikePoint> strikes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            strikes.add(strike(T0, 25000 + 50 * i, 100));
        }
        HistoryBatch broken = new HistoryBatch(MarketSource.DHAN, T0, List.of(expiry("NIFTY", EXPIRY, T0, 26012.3)),
                strikes, List.of(new IvDay("NIFTY".repeat(10), LocalDate.of(2026, 12, 2), 12.9, Origin.RECORDED, null, T0)));
        if (which == HistoryDatabases.SQLITE) {
            // SQLite does not enforce VARCHAR lengths: break it with a trigger instead, after the other rows.
            new JdbcTemplate(db.dataSource()).execute("CREATE TRIGGER refuse BEFORE INSERT ON iv_day "
                    + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
        }

        assertThatThrownBy(() -> store.write(broken)).isInstanceOf(RuntimeException.class);

        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM expiry_point", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM strike_point", Integer.class)).isZero();
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void retentionDeletesOldIntervalsAndKeepsTheIvHistory(HistoryDatabases which) {
        HistoryStore store = open(which);
        Instant old = T0.minusSeconds(31L * 86_400);
        store.write(batch(MarketSource.DHAN, old, 25000));
        store.write(batch(MarketSource.DHAN, T0, 26000));

        int deleted = store.deleteOlderThan(T0.minusSeconds(30L * 86_400));

        assertThat(deleted).isEqualTo(3);
        assertThat(store.expirySeries(MarketSource.DHAN, "NIFTY", EXPIRY, old, T0)).extracting(ExpiryPoint::spot)
                .containsExactly(26000.0);
        assertThat(new IvHistoryStore(db).days(MarketSource.DHAN, "NIFTY", 10)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void aRecordedDayIsNeverReplacedByABackfilledOneButABackfilledDayIsByARecordedOne(HistoryDatabases which) {
        open(which);
        IvHistoryStore days = new IvHistoryStore(db);
        LocalDate d1 = LocalDate.of(2026, 11, 30);
        LocalDate d2 = LocalDate.of(2026, 12, 1);
        days.upsert(MarketSource.DHAN, "NIFTY", d1, 12.7, Origin.RECORDED);
        days.upsert(MarketSource.DHAN, "NIFTY", d1, 99.0, Origin.BACKFILLED);
        assertThat(days.days(MarketSource.DHAN, "NIFTY", 1)).extracting(IvDay::atmIv, IvDay::origin)
                .as("a backfill does not overwrite a recorded day")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(12.7, Origin.RECORDED));
        days.upsert(MarketSource.DHAN, "NIFTY", d2, 11.2, Origin.BACKFILLED);
        days.upsert(MarketSource.DHAN, "NIFTY", d2, 11.4, Origin.BACKFILLED);
        days.upsert(MarketSource.DHAN, "NIFTY", d1, 12.8, Origin.RECORDED);

        assertThat(days.daysSince(MarketSource.DHAN, "NIFTY", d1)).extracting(IvDay::date, IvDay::atmIv, IvDay::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(d2, 11.4, Origin.BACKFILLED),
                        org.assertj.core.groups.Tuple.tuple(d1, 12.8, Origin.RECORDED));
        days.upsert(MarketSource.DHAN, "NIFTY", d2, 11.9, Origin.RECORDED);
        assertThat(days.days(MarketSource.DHAN, "NIFTY", 1)).extracting(IvDay::atmIv, IvDay::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(11.9, Origin.RECORDED));
        assertThat(days.daysSince(MarketSource.SIMULATED, "NIFTY", d1)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HistoryDatabases.class)
    void aRestartOnTheSameDatabaseFindsTheSchemaInPlaceAndTheRowsThere(HistoryDatabases which) {
        HistoryStore store = open(which);
        store.write(batch(MarketSource.DHAN, T0, 26012.3));
        db.close();

        db = HistoryDatabase.open(url, null, null, null);
        db.migrate();
        HistoryStore again = new HistoryStore(db, new IvHistoryStore(db));
        again.write(batch(MarketSource.DHAN, T0.plusSeconds(60), 26015.0));

        assertThat(again.expirySeries(MarketSource.DHAN, "NIFTY", EXPIRY, T0, T0.plusSeconds(60)))
                .extracting(ExpiryPoint::spot).containsExactly(26012.3, 26015.0);
        assertThat(new JdbcTemplate(db.dataSource()).queryForObject(
                "SELECT COUNT(*) FROM history_schema_version WHERE success = true", Integer.class)).isEqualTo(1);
    }
}
