package com.livechain.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.livechain.chain.MarketSource;
import com.livechain.dhan.DhanAccess;

class DhanSimulatorTest {

    @Test
    void servesOnLoopbackWithDhanShapedUrlsAndSimulatedAccess() {
        try (DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(1L).realTime(false).build())) {
            int port = simulator.port();
            assertThat(port).isPositive();
            assertThat(simulator.restUrl()).hasToString("http://127.0.0.1:" + port + "/v2");
            assertThat(simulator.feedUrl()).hasToString("ws://127.0.0.1:" + port);
            assertThat(simulator.instrumentsUrl())
                    .hasToString("http://127.0.0.1:" + port + "/api-data/api-scrip-master-detailed.csv");

            DhanAccess access = simulator.access();
            assertThat(access.source()).isEqualTo(MarketSource.SIMULATED);
            assertThat(access.restUrl()).isEqualTo(simulator.restUrl());
            assertThat(access.feedUrl()).isEqualTo(simulator.feedUrl());
            assertThat(access.instrumentsUrl()).isEqualTo(simulator.instrumentsUrl());
            assertThat(access.credentials()).contains(simulator.credentials());
            assertThat(simulator.credentials().clientId()).matches("\\d{10}");
            // Random and not a JWT (no header.payload.signature), so it is never mistaken for a Dhan token.
            assertThat(simulator.credentials().accessToken()).startsWith("sim-").doesNotContain(".");
            assertThat(simulator.credentials().toString()).doesNotContain(simulator.credentials().accessToken());
        }
    }

    @Test
    void leavesTheJvmsCatalinaPropertiesAsTheyWere() {
        String base = System.getProperty("catalina.base");
        try (DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(1L).realTime(false).build())) {
            assertThat(System.getProperty("catalina.base")).isEqualTo(base);
        }
    }

    @Test
    void closeReleasesThePort() throws IOException {
        DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(1L).realTime(false).build());
        int port = simulator.port();
        new Socket("127.0.0.1", port).close();
        simulator.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aRandomSeedIsReportedSoARunCanBeRepeated() {
        try (DhanSimulator a = DhanSimulator.start(SimulatorProperties.builder().realTime(false).build());
             DhanSimulator b = DhanSimulator.start(SimulatorProperties.builder().seed(a.seed()).realTime(false).build())) {
            assertThat(b.market().lastPrice("NIFTY")).isEqualTo(a.market().lastPrice("NIFTY"));
        }
    }

    @Test
    void configuredCredentialsAreUsed() {
        try (DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().realTime(false)
                .clientId("1100000001").accessToken("sim-fixed").build())) {
            assertThat(simulator.credentials().clientId()).isEqualTo("1100000001");
            assertThat(simulator.credentials().accessToken()).isEqualTo("sim-fixed");
        }
    }

    @Test
    void propertiesBindWithDefaultsInCode() {
        SimulatorProperties empty = new Binder(new MapConfigurationPropertySource(Map.of("livechain.simulator.port", "0")))
                .bindOrCreate("livechain.simulator", SimulatorProperties.class);
        assertThat(empty).isEqualTo(SimulatorProperties.defaults());
        assertThat(empty.seed()).isNull();
        assertThat(empty.host()).isEqualTo("127.0.0.1");
        assertThat(empty.realTime()).isTrue();
        assertThat(empty.ticksPerSecond()).isEqualTo(4);
        assertThat(empty.optionChainInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(empty.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(empty.pongTimeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(empty.maxConnections()).isEqualTo(5);
        assertThat(empty.maxInstrumentsPerMessage()).isEqualTo(100);
        assertThat(empty.maxInstrumentsPerConnection()).isEqualTo(5000);
        assertThat(empty.scripMasterUnderlyingIds()).isEqualTo(SimulatorProperties.UnderlyingIdStyle.EXCHANGE_TOKEN);

        SimulatorProperties set = new Binder(new MapConfigurationPropertySource(Map.of(
                "livechain.simulator.seed", "7",
                "livechain.simulator.ping-interval", "2s",
                "livechain.simulator.ticks-per-second", "10",
                "livechain.simulator.scrip-master-underlying-ids", "index-security-id")))
                .bindOrCreate("livechain.simulator", SimulatorProperties.class);
        assertThat(set.seed()).isEqualTo(7L);
        assertThat(set.pingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.ticksPerSecond()).isEqualTo(10);
        assertThat(set.scripMasterUnderlyingIds()).isEqualTo(SimulatorProperties.UnderlyingIdStyle.INDEX_SECURITY_ID);
        assertThat(set.pongTimeout()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void standaloneBannerPrintsWhatToSetAndTheFaultPaths() {
        try (DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(3L).realTime(false).build())) {
            String banner = SimulatorMain.banner(simulator);
            assertThat(banner).contains("LIVECHAIN_DHAN_REST_URL=" + simulator.restUrl())
                    .contains("LIVECHAIN_DHAN_FEED_URL=" + simulator.feedUrl())
                    .contains("LIVECHAIN_DHAN_INSTRUMENTS_URL=" + simulator.instrumentsUrl())
                    .contains("DHAN_CLIENT_ID=" + simulator.credentials().clientId())
                    .contains("DHAN_ACCESS_TOKEN=" + simulator.credentials().accessToken())
                    .contains("/sim/faults/stall").contains("/sim/token/rotate").contains("seed 3");
        }
    }
}
