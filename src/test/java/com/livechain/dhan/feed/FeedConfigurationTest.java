package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.livechain.universe.ChainReadyEvent;
import com.livechain.market.Freshness;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.MarketSource;
import com.livechain.chain.TickApplier;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;

/** The feed's wiring: properties and their defaults, the start on {@link ChainReadyEvent}, the goodbye on close. */
class FeedConfigurationTest {

    private FakeDhanFeed dhan;
    private ApplicationContextRunner runner;
    private InstrumentIndex index;

    @BeforeEach
    void setUp() throws Exception {
        dhan = new FakeDhanFeed();
        InstrumentIndex.Builder b = InstrumentIndex.builder();
        b.underlying(13, IDX_I);
        b.option(40123, NSE_FNO);
        b.option(40124, NSE_FNO);
        index = b.build();
        Freshness freshness = new Freshness(Clock.systemUTC(), Duration.ofSeconds(30));
        DhanAccess access = new DhanAccess() {
            public MarketSource source() {
                return MarketSource.SIMULATED;
            }

            public URI restUrl() {
                return URI.create("http://127.0.0.1:1/v2");
            }

            public URI feedUrl() {
                return dhan.feedUrl();
            }

            public URI instrumentsUrl() {
                return URI.create("http://127.0.0.1:1/csv");
            }

            public Optional<DhanCredentials> credentials() {
                return Optional.of(new DhanCredentials("1000000001", "sim-token"));
            }
        };
        runner = new ApplicationContextRunner()
                .withUserConfiguration(FeedConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(Freshness.class, () -> freshness)
                .withBean(TickApplier.class, () -> new TickApplier(() -> index, Clock.systemUTC()))
                .withBean(DhanAccess.class, () -> access);
    }

    @AfterEach
    void tearDown() {
        dhan.close();
    }

    @Test
    void defaultsAreTheIssuesDefaults() {
        runner.run(context -> {
            FeedProperties p = context.getBean(FeedProperties.class);
            assertThat(p).isEqualTo(FeedProperties.defaults());
            assertThat(p.stallAfter()).isEqualTo(Duration.ofSeconds(20));
            assertThat(p.stallWatch()).isEqualTo(FeedProperties.StallWatch.MARKET_HOURS);
            assertThat(p.maxInstrumentsPerMessage()).isEqualTo(100);
            assertThat(p.maxInstrumentsPerConnection()).isEqualTo(5000);
            assertThat(p.maxConnections()).isEqualTo(5);
        });
    }

    @Test
    void propertiesBindWithRelaxedNames() {
        runner.withPropertyValues("livechain.feed.stall-watch=always", "livechain.feed.stall-after=5s",
                "livechain.feed.auth-retry=2m").run(context -> {
                    FeedProperties p = context.getBean(FeedProperties.class);
                    assertThat(p.stallWatch()).isEqualTo(FeedProperties.StallWatch.ALWAYS);
                    assertThat(p.stallAfter()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.authRetry()).isEqualTo(Duration.ofMinutes(2));
                });
    }

    @Test
    void limitsAboveDhansAreRefusedAtStartUp() {
        runner.withPropertyValues("livechain.feed.max-connections=6").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxConnections");
        });
    }

    @Test
    void chainReadyEventConnectsAndContextCloseSaysGoodbye() {
        runner.run(context -> {
            FeedClient client = context.getBean(FeedClient.class);
            assertThat(context.getBean(Freshness.class).feed()).isSameAs(client);
            assertThat(client.reason()).isEqualTo("waiting for the chain to load");

            context.publishEvent(new ChainReadyEvent(index, MarketSource.SIMULATED));

            await().until(client::isUp);
            await().until(() -> dhan.connection(0).texts.size() == 2);
            assertThat(dhan.connection(0).texts.get(0)).startsWith("{\"RequestCode\":15,\"InstrumentCount\":1,");
            assertThat(dhan.connection(0).texts.get(1)).startsWith("{\"RequestCode\":21,\"InstrumentCount\":2,");

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            client.bindTo(registry);
            assertThat(registry.scrape())
                    .contains("livechain_feed_up 1.0")
                    .contains("livechain_feed_subscriptions 3.0")
                    .contains("livechain_feed_unsubscribed 0.0")
                    .contains("livechain_feed_last_frame_age_seconds NaN");
        });
        assertThat(dhan.connection(0).texts).last().isEqualTo("{\"RequestCode\":12}");
    }
}
