package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.livechain.market.Freshness;
import com.livechain.ops.FeedWatch.State;
import com.livechain.ManualFeed;
import com.livechain.MutableClock;

@ExtendWith(OutputCaptureExtension.class)
class FeedWatchTest {

    final MutableClock clock = new MutableClock(OpsFixtures.NOW);
    final ManualFeed feed = new ManualFeed();
    final FeedWatch watch;

    FeedWatchTest() {
        Freshness freshness = new Freshness(clock, Duration.ofSeconds(30));
        freshness.attach(feed);
        watch = new FeedWatch(freshness, clock, Duration.ofSeconds(30));
    }

    @Test
    void theOutageClockStartsWhenTheChainIsReadyNotAtStartUp() {
        clock.advance(Duration.ofMinutes(2));
        assertThat(watch.observe().state()).isEqualTo(State.NOT_STARTED);

        watch.start();
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.observe().state()).isEqualTo(State.RECONNECTING);
        clock.advance(Duration.ofMillis(1));
        assertThat(watch.observe().state()).isEqualTo(State.DOWN);
    }

    @Test
    void goingStaleAndRecoveringLogOneLineEachHoweverOftenItIsSampled(CapturedOutput output) {
        watch.start();
        feed.down("token expired (807)");
        for (int second = 0; second < 120; second++) {
            clock.advance(Duration.ofSeconds(1));
            watch.observe();
        }
        feed.up(clock.millis());
        for (int second = 0; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            watch.observe();
        }

        assertThat(output.getOut().lines().filter(l -> l.contains("FeedWatch")))
                .satisfiesExactly(
                        down -> assertThat(down).contains("WARN", "Feed down for 31 s,", "token expired (807)",
                                "readiness is DOWN"),
                        up -> assertThat(up).contains("INFO", "Feed up again after 120 s down"));
    }

    @Test
    void theSamplerObservesOnItsOwn() throws Exception {
        watch.start();
        feed.down("connecting");
        watch.sampleEvery(Duration.ofMillis(10));
        try {
            clock.advance(Duration.ofMinutes(1));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> watch.observe().state() == State.DOWN);
        } finally {
            watch.close();
        }
    }
}
