package com.livechain.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.livechain.universe.ChainAssembler;
import com.livechain.chain.ChainCache;
import com.livechain.market.Freshness;
import com.livechain.chain.LegSnapshot;
import com.livechain.market.MarketHours;
import com.livechain.chain.MarketSource;
import com.livechain.chain.TickApplier;
import com.livechain.universe.UniverseLoad;
import com.livechain.dhan.feed.FeedClient;
import com.livechain.dhan.feed.FeedMetrics;
import com.livechain.dhan.feed.FeedProperties;
import com.livechain.dhan.rest.ScripMasterParser;

/**
 * The simulator and the production clients are written against the same protocol file; this holds
 * them to it together: the production parser reads the simulator's scrip master, and the production
 * feed client and decoder read its binary feed without a single malformed packet.
 */
class SimulatorContractTest {

    private final DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(7L)
            .ticksPerSecond(20).build(), Clock.systemUTC());
    private FeedClient feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        simulator.close();
    }

    private UniverseLoad parseScripMaster() throws Exception {
        HttpResponse<InputStream> csv = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(simulator.instrumentsUrl()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(csv.statusCode()).isEqualTo(200);
        return new ScripMasterParser().parse(csv.body(), "GET " + simulator.instrumentsUrl(),
                Set.of("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX", "BANKEX"),
                MarketHours.today(Instant.now()));
    }

    @Test
    void theProductionParserReadsEveryOptionTheSimulatorLists() throws Exception {
        UniverseLoad load = parseScripMaster();

        assertThat(load.missing()).isEmpty();
        assertThat(load.found().keySet()).containsExactlyInAnyOrder("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX", "BANKEX");
        assertThat(load.found().values().stream().mapToInt(u -> u.options().size()).sum())
                .isEqualTo(simulator.market().optionCount());
        assertThat(load.found().get("NIFTY").underlying().securityId()).isEqualTo(13);
        assertThat(load.found().get("SENSEX").underlying().securityId()).isEqualTo(51);
        assertThat(load.found().get("SENSEX").options().get(0).segment().name()).isEqualTo("BSE_FNO");
        for (String symbol : load.found().keySet()) {
            assertThat(load.found().get(symbol).options().stream().map(o -> o.expiry()).distinct().sorted().toList())
                    .as(symbol).isEqualTo(simulator.market().expiries(symbol));
        }
    }

    @Test
    void theProductionFeedClientDecodesTheSimulatorsFeedWithoutAMalformedPacket() throws Exception {
        ChainAssembler.Assembly assembly = ChainAssembler.assemble(parseScripMaster().found().values());
        ChainCache cache = new ChainCache(Clock.systemUTC());
        cache.install(MarketSource.SIMULATED, assembly.underlyings(), assembly.chains(), assembly.index());
        Freshness freshness = new Freshness(Clock.systemUTC(), Duration.ofSeconds(30));
        TickApplier ticks = new TickApplier(cache::index, Clock.systemUTC());
        FeedMetrics metrics = new FeedMetrics();
        feed = new FeedClient(FeedProperties.defaults(), simulator.access(), ticks, freshness, metrics, Clock.systemUTC());

        feed.subscribe(cache.index());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(feed.isUp()).isTrue();
            // Every subscribed instrument gets its previous close and a current packet on subscribe.
            assertThat(metrics.packets(6)).isGreaterThanOrEqualTo(cache.index().size());
            assertThat(metrics.packets(8)).isGreaterThan(0);
            assertThat(metrics.packets(2)).isGreaterThan(0);
        });
        assertThat(metrics.malformedTotal()).isZero();
        assertThat(metrics.unknownInstruments()).isZero();
        String nifty = "NIFTY";
        LegSnapshot spot = cache.underlying(nifty).orElseThrow().spot().read();
        assertThat(spot.ltp()).isCloseTo(simulator.market().lastPrice(nifty), org.assertj.core.data.Percentage.withPercentage(1));
        LocalDate nearest = cache.expiries(nifty).get(0);
        var row = cache.chain(nifty, nearest).orElseThrow().strikes().get(10);
        LegSnapshot call = row.ce().read();
        assertThat(call.hasPrice()).isTrue();
        assertThat(call.bid()).isLessThanOrEqualTo(call.ask());
        assertThat(call.prevClose()).isPositive();
    }
}
