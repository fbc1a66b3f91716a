package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;

import okio.Buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UniverseLoad;

class DhanMarketDataSourceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private final MockWebServer server = new MockWebServer();
    private final DhanRestClientTest.StubAccess access = new DhanRestClientTest.StubAccess();
    private DhanRestClient client;
    private DhanMarketDataSource source;

    @BeforeEach
    void start() throws IOException {
        server.start();
        access.restUrl = server.url("/v2").uri();
        access.instrumentsUrl = server.url("/api-data/api-scrip-master-detailed.csv").uri();
        DhanRestProperties properties = new DhanRestProperties(Duration.ZERO, Duration.ofSeconds(2), 0,
                Duration.ZERO, Duration.ofSeconds(5));
        client = new DhanRestClient(access, properties);
        source = new DhanMarketDataSource(access, client, new ScripMasterParser(), properties);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Buffer fixture() throws IOException {
        try (InputStream in = DhanMarketDataSourceTest.class.getResourceAsStream("/dhan/scrip-master-detailed.csv")) {
            return new Buffer().write(in.readAllBytes());
        }
    }

    @Test
    void loadUniverseStreamsTheDownloadedScripMasterThroughTheParser() throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).body(fixture()).build());

        UniverseLoad load = source.loadUniverse(Set.of("NIFTY", "FOO"), TODAY);

        assertThat(load.found().get("NIFTY").underlying()).isEqualTo(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I));
        assertThat(load.found().get("NIFTY").options()).hasSize(4);
        assertThat(load.missing()).containsOnlyKeys("FOO");
    }

    @Test
    void aDownloadThatBreaksOffIsUnavailableNamingTheUrl() throws IOException {
        Buffer big = new Buffer();
        big.writeUtf8(fixture().readUtf8());
        for (int i = 0; i < 20_000; i++) {
            big.writeUtf8("NSE,E,").writeUtf8(Integer.toString(i)).writeUtf8(",NA,EQUITY,,,S,S,ES,EQ,1.0,NA,,XX,0.05,NA\n");
        }
        server.enqueue(new MockResponse.Builder().code(200).body(big)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        try {
            source.loadUniverse(Set.of("NIFTY"), TODAY);
            throw new AssertionError("expected a MarketDataException");
        } catch (MarketDataException e) {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.call()).isEqualTo("GET " + access.instrumentsUrl);
        }
    }

    @Test
    void expiriesAndOptionChainGoToDhan() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[\"2026-11-27\"],\"status\":\"success\"}").build());
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"data\":{\"last_price\":24500.5,\"oc\":{}},\"status\":\"success\"}").build());
        UnderlyingRef nifty = new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I);

        assertThat(source.expiries(nifty)).containsExactly(LocalDate.of(2026, 11, 27));
        assertThat(source.optionChain(nifty, LocalDate.of(2026, 11, 27)).underlyingLtp()).isEqualTo(24500.5);
    }
}
