package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.livechain.market.Freshness;
import com.livechain.ManualFeed;
import com.livechain.MutableClock;

class FeedHealthIndicatorTest {

    final MutableClock clock = new MutableClock(OpsFixtures.NOW);
    final ManualFeed feed = new ManualFeed();
    final FeedWatch watch;
    double lastFrameAge = Double.NaN;
    final FeedHealthIndicator indicator;

    FeedHealthIndicatorTest() {
        Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
        freshness.attach(feed);
        watch = new FeedWatch(freshness, clock, Duration.ofSeconds(30));
        indicator = new FeedHealthIndicator(watch, () -> lastFrameAge);
    }

    @Test
    void whileTheChainLoadsTheFeedIsUnknownNotDown() {
        clock.advance(Duration.ofMinutes(5));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("state", "waiting for the chain to load")
                .containsEntry("reason", "connecting")
                .doesNotContainKeys("downSince", "upSince");
    }

    @Test
    void aReconnectInsideTheStaleWindowStaysUpAndSaysWhy() {
        watch.start();
        feed.down("closed by the server (1011 keepalive ping timeout)");
        clock.advance(Duration.ofSeconds(30));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "reconnecting")
                .containsEntry("reason", "closed by the server (1011 keepalive ping timeout)")
                .containsEntry("downSince", "2026-11-26T20:00+05:30")
                .containsEntry("downForSeconds", 30L)
                .containsEntry("staleAfterSeconds", 30L);
    }

    @Test
    void downLongerThanTheStaleWindowIsDownWithTheReason() {
        watch.start();
        feed.down("token expired (807)");
        clock.advance(Duration.ofSeconds(31));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "down")
                .containsEntry("reason", "token expired (807)")
                .containsEntry("downForSeconds", 31L);
    }

    @Test
    void upShowsSinceWhenAndTheAgeOfTheLastFrame() {
        watch.start();
        clock.advance(Duration.ofSeconds(2));
        feed.up(clock.millis());
        lastFrameAge = 0.4321;
        clock.advance(Duration.ofMinutes(1));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "up")
                .containsEntry("upSince", "2026-11-26T20:00:02+05:30")
                .containsEntry("lastFrameAgeSeconds", 0.4)
                .doesNotContainKeys("downSince", "downForSeconds");
    }

    @Test
    void theFeedComingBackEndsTheOutageAndTheNextOneIsTimedAfresh() {
        watch.start();
        feed.down("connecting");
        clock.advance(Duration.ofSeconds(45));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);

        feed.up(clock.millis());
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        clock.advance(Duration.ofMinutes(10));
        feed.down("stalled");
        clock.advance(Duration.ofSeconds(5));
        // The sampler saw the new outage start; the health check 5 s later measures from there.
        indicator.health();
        clock.advance(Duration.ofSeconds(5));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "reconnecting").containsEntry("downForSeconds", 5L);
    }

    @Test
    void aReasonThatQuotesTheFeedUrlNeverShowsTheTokenOrClientId() {
        watch.start();
        feed.down("SocketTimeoutException: connect to wss://api-feed.dhan.co?version=2"
                + "&token=eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2lnbmF0dXJl&clientId=1100123456&authType=2"
                + " <- bearer eyJhbGciOiJIUzUxMiJ9.eyJkaGFuQ2xpZW50SWQiOiIxIn0.AbC-d_e");

        String details = indicator.health().getDetails().toString();

        assertThat(details).doesNotContain("eyJ", "1100123456", "c2lnbmF0dXJl")
                .contains("token=****", "clientId=****", "bearer ****");
    }
}
