package com.livechain.history;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The market memory on a real PostgreSQL server. The outage test runs on a cluster of its own, which it stops
 * ({@code pg_ctl stop -m fast}: connections cut, new ones refused) and starts again while the feed runs.
 */
class PostgresHistoryEndToEndTest extends HistoryEndToEndTest {

    private static TestPostgres.Cluster outageCluster;

    @BeforeAll
    static void startOutageCluster() {
        outageCluster = TestPostgres.Cluster.start();
    }

    @AfterAll
    static void stopOutageCluster() {
        if (outageCluster != null) {
            outageCluster.close();
        }
    }

    @Override
    String newDatabaseUrl() {
        return TestPostgres.newDatabase();
    }

    @Override
    String outageDatabaseUrl() {
        return outageCluster.newDatabase();
    }

    @Override
    void breakDatabase() {
        outageCluster.stopServer();
    }

    @Override
    void repairDatabase() {
        outageCluster.startServer();
    }

    @Override
    String expectedDropReason() {
        return "unreachable";
    }
}
