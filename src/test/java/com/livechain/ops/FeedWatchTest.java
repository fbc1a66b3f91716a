package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

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

    /**
     * Nothing here calls {@code observe()}: the only way a line can appear is the sampler's own thread noticing
     * the change, which is what lets an outage be logged when it happens rather than at the next health probe.
     */
    @Test
    void theSamplerObservesOnItsOwn(CapturedOutput output) {
        watch.start(); // the feed is down ("connecting") from here on
        watch.sampleEvery(Duration.ofMillis(10));
        try {
            clock.advance(Duration.ofMinutes(1));
            await("the sampler logging the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> feedWatchLines(output).size() == 1);
            assertThat(feedWatchLines(output)).singleElement().asString()
                    .contains("WARN", "Feed down for 60 s,", "connecting", "feed-watch]");

            feed.up(clock.millis());
            clock.advance(Duration.ofSeconds(5));
            await("the sampler logging the recovery").atMost(Duration.ofSeconds(30))
                    .until(() -> feedWatchLines(output).size() == 2);
            assertThat(feedWatchLines(output).get(1))
                    .contains("INFO", "Feed up again after 60 s down", "feed-watch]");
        } finally {
            watch.close();
        }
    }

    private static List<String> feedWatchLines(CapturedOutput output) {
        return output.getOut().lines().filter(l -> l.contains("FeedWatch")).toList();
    }
}
