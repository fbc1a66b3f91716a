package com.livechain.history;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.chain.MarketSource;
import com.livechain.history.record.ChainRecording;
import com.livechain.history.store.HistoryBatch;
import com.livechain.history.store.HistoryDatabase;
import com.livechain.history.store.HistoryStore;
import com.livechain.history.store.IvDay;
import com.livechain.history.store.IvHistoryStore;
import com.livechain.history.store.Origin;
import com.livechain.market.MarketHours;

/**
 * The market memory's budgets (issue 15), measured on the default simulated universe (six underlyings, the full
 * listing): CPU of recording one interval, the database size of one trading day at 1 minute, and the p99 of
 * {@code GET /options/iv-history} (365 days) and {@code GET /options/series} (one expiry's day, and one strike's)
 * over HTTP, warm. A harness, not a test: {@code src/bench/run history} runs it; by hand:
 * <pre>
 *   java -cp "$CP" com.livechain.history.HistoryBudgets sqlite|postgresql [requests]
 * </pre>
 * PostgreSQL: the server of {@code LIVECHAIN_TEST_POSTGRES_URL}, else a throwaway cluster (as the tests).
 */
public final class HistoryBudgets {

    private static final int MINUTES_PER_SESSION = 375; // 09:15 to 15:30

    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "sqlite";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dir = Files.createTempDirectory("history-budgets");
        String url = vendor.equals("postgresql") ? TestPostgres.newDatabase() : "jdbc:sqlite:" + dir.resolve("history.db");
        try (HistoryApp app = HistoryApp.start(url, dir, "--livechain.underlyings=NIFTY,BANKNIFTY,FINNIFTY,MIDCPNIFTY,SENSEX,BANKEX",
                "--livechain.simulator.listing=full", "--livechain.history.interval=1h",
                "--logging.level.root=WARN")) {
            HistoryEndToEndTest.awaitPrices(app);
            ChainCache cache = app.bean(ChainCache.class);
            ChainRecording recording = new ChainRecording(app.bean(AnalyticsProperties.class).rate());
            HistoryStore store = app.bean(HistoryStore.class);
            HistoryDatabase db = app.bean(HistoryDatabase.class);
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

            // A session yesterday, one interval a minute, recorded from the live simulated chain.
            LocalDate day = MarketHours.today(Instant.now()).minusDays(1);
            Instant open = day.atTime(MarketHours.OPEN).atZone(MarketHours.IST).toInstant();
            long recordNanos = 0;
            long writeNanos = 0;
            int points = 0;
            for (int m = 0; m < MINUTES_PER_SESSION; m++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                HistoryBatch batch = recording.record(cache, MarketSource.SIMULATED, open.plusSeconds(60L * m),
                        System.currentTimeMillis());
                long c1 = cpu.getCurrentThreadCpuTime();
                store.write(batch);
                long c2 = cpu.getCurrentThreadCpuTime();
                if (m >= 50) { // the first intervals warm the JIT
                    recordNanos += c1 - c0;
                    writeNanos += c2 - c1;
                }
                points += batch.points();
            }
            int measured = MINUTES_PER_SESSION - 50;
            double recordMs = recordNanos / 1e6 / measured;
            double writeMs = writeNanos / 1e6 / measured;
            System.out.printf("universe: %d chains, %d legs; %d rows a session (%d a minute)%n", cache.chainCount(),
                    cache.legCount(), points, points / MINUTES_PER_SESSION);
            System.out.printf("recording CPU per interval: compute %.2f ms + write (JDBC client) %.2f ms = %.3f%% of one"
                    + " core at 1 minute%n", recordMs, writeMs, (recordMs + writeMs) / 600.0);
            System.out.printf("%s size of one session: %.1f MB%n", vendor, size(db, vendor, url) / 1e6);

            // 365 days of IV history for NIFTY, then the reads over HTTP.
            List<IvDay> days = new ArrayList<>();
            for (int i = 1; i <= 365; i++) {
                days.add(new IvDay("NIFTY", day.minusDays(i), 11 + (i % 17) * 0.25, Origin.BACKFILLED, null, open));
            }
            new IvHistoryStore(db).upsert(MarketSource.SIMULATED, days);
            String expiry = cache.expiries("NIFTY").get(0).toString();
            long strike = app.json("/options/series?underlying=NIFTY&expiry=" + expiry + "&from=" + day + "&to=" + day)
                    .get("points").get(0).get("atmStrike").asLong();
            p99(app, "iv-history 365 days", "/options/iv-history?underlying=NIFTY&days=365", requests);
            p99(app, "series one expiry's day", "/options/series?underlying=NIFTY&expiry=" + expiry + "&from=" + day
                    + "&to=" + day, requests);
            p99(app, "series one strike's day", "/options/series?underlying=NIFTY&expiry=" + expiry + "&strike=" + strike
                    + "&from=" + day + "&to=" + day, requests);
        }
        System.exit(0);
    }

    private static long size(HistoryDatabase db, String vendor, String url) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        if (vendor.equals("postgresql")) {
            return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
        }
        jdbc.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        return Files.size(file);
    }

    private static void p99(HistoryApp app, String what, String query, int requests) {
        int size = app.get(query).body().length();
        for (int i = 0; i < requests / 2; i++) {
            app.get(query);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            var response = app.get(query);
            nanos[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(query + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-26s %6d bytes  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d requests, warm)%n", what, size,
                nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.99)] / 1e6, nanos[requests - 1] / 1e6, requests);
    }

}
