package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import tools.jackson.databind.JsonNode;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Leg;
import com.livechain.chain.MarketSource;
import com.livechain.chain.StrikeRow;
import com.livechain.chain.TickApplier;
import com.livechain.universe.ChainLoader;
import com.livechain.api.push.PushBroadcaster;
import com.livechain.api.push.PushFixtures;
import com.livechain.api.push.PushTestClient;

/**
 * A browser that stops reading must not hold up one that reads. Proved on events, not on gaps between
 * messages: with a send time limit of five minutes a send to the stalled client, once its socket buffers are
 * full, stays blocked for the whole test, and the reading client must still get every round of ticks, one
 * after the other, each waited for. A push that waited on the stalled socket would stop the rounds at the
 * first one after the buffers filled. The buffers are full for sure once the reader has been sent
 * {@value #PROOF_BYTES} bytes: both were sent the same deltas until then, and a socket the peer never reads
 * holds at most a few MiB here (the kernel's send buffer, {@code tcp_wmem} 4 MiB at most, and a 4 KiB
 * receive window). Closing a stalled client after the limit is {@link BrowserPushTest}'s, with a 1 s limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livechain.mode=simulated", "livechain.push.send-time-limit=5m", "livechain.underlyings=NIFTY,BANKNIFTY"})
class StalledBrowserPushTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FNO = ExchangeSegment.NSE_FNO.code();
    /** Three times what a never-read socket can hold: past it, the stalled client's send is blocked. */
    static final long PROOF_BYTES = 3L * (4 << 20);
    /** The leg whose price names each round. */
    private static final int MARKER_STRIKE = 55000;

    /** The test installs its own universe; without the loader the feed never connects and the only ticks are the test's. */
    @MockitoBean
    ChainLoader loader;

    @LocalServerPort
    int port;

    @Autowired
    ChainCache cache;

    @Autowired
    TickApplier ticks;

    @Autowired
    PushBroadcaster broadcaster;

    @BeforeEach
    void installUniverse() {
        PushFixtures.install(cache, MarketSource.SIMULATED);
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpTheOneThatReads() throws Exception {
        List<Leg> legs = new ArrayList<>();
        for (StrikeRow row : cache.chain("BANKNIFTY", PushFixtures.NEAR).orElseThrow().strikes()) {
            legs.add(row.ce());
            legs.add(row.pe());
        }
        try (PushTestClient reader = PushTestClient.connect(port);
             BrowserPushTest.StalledClient stalled = BrowserPushTest.StalledClient.connect(port, "{\"underlying\":\"BANKNIFTY\"}")) {
            reader.send("{\"underlying\":\"BANKNIFTY\"}");
            reader.next("snapshot", WAIT);
            await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 2);

            long bytes = 0;
            int rounds = 0;
            int roundsAfterProof = 0;
            while (roundsAfterProof < 20) {
                rounds++;
                // Every leg moves each round, so each delta carries the whole chain (~200 KB) to both clients.
                float price = 100 + rounds;
                for (Leg leg : legs) {
                    ticks.full(FNO, leg.securityId(), price, 1L, rounds, rounds, price - 0.5f, 15, price + 0.5f, 30);
                }
                JsonNode delta;
                do {
                    delta = reader.next("delta", WAIT);
                    bytes += delta.toString().length();
                } while (!carries(delta, price));
                if (bytes > PROOF_BYTES) {
                    roundsAfterProof++;
                }
            }

            assertThat(broadcaster.sessionCount()).as("the stalled client is still open, its send blocked").isEqualTo(2);
            assertThat(reader.isOpen()).isTrue();
            System.out.printf("%d rounds, %,d bytes to the reader, 20 rounds after the stalled client's buffers were full%n",
                    rounds, bytes);
        }
        await().atMost(WAIT).until(() -> broadcaster.sessionCount() == 0);
    }

    private static boolean carries(JsonNode delta, double price) {
        for (JsonNode row : delta.path("strikes")) {
            if (row.path("strike").asLong() == MARKER_STRIKE && row.path("ce").path("ltp").asDouble() == price) {
                return true;
            }
        }
        return false;
    }
}
