package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import com.livechain.dhan.feed.ReconnectPolicy.Loss;
import com.livechain.dhan.feed.ReconnectPolicy.Retry;

/** Each way a feed connection is lost, what it is called, and how long the next attempt waits. */
class ReconnectPolicyTest {

    /** reconnect-min 100 ms, reconnect-max 2 s, auth-retry 60 s. */
    private static final FeedProperties PROPERTIES = new FeedProperties(Duration.ofSeconds(20),
            FeedProperties.StallWatch.ALWAYS, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(3), 100, 5000, 5);

    /** Jitter that always draws the top (or the bottom) of its range, and remembers the ranges asked for. */
    private static final class Extreme implements RandomGenerator {
        final boolean top;
        final List<Long> bounds = new ArrayList<>();

        Extreme(boolean top) {
            this.top = top;
        }

        @Override
        public long nextLong() {
            throw new AssertionError("the policy draws within a bound");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            return top ? bound - 1 : 0;
        }
    }

    @Test
    void dhansDisconnectCodesAreNamedAndPacedByWhatCanHelp() {
        assertThat(ReconnectPolicy.disconnect(805)).isEqualTo(new Loss("too many connections (805)", Retry.TOO_MANY));
        assertThat(ReconnectPolicy.disconnect(806)).isEqualTo(new Loss("data APIs not subscribed (806)", Retry.SLOW));
        assertThat(ReconnectPolicy.disconnect(807)).isEqualTo(new Loss("token expired (807)", Retry.SLOW));
        assertThat(ReconnectPolicy.disconnect(808)).isEqualTo(new Loss("authentication failed (808)", Retry.SLOW));
        assertThat(ReconnectPolicy.disconnect(809)).isEqualTo(new Loss("token invalid (809)", Retry.SLOW));
        assertThat(ReconnectPolicy.disconnect(810)).isEqualTo(new Loss("client id invalid (810)", Retry.SLOW));
        assertThat(ReconnectPolicy.disconnect(804)).isEqualTo(new Loss("too many instruments requested (804)", Retry.SLOW));
        for (int code : new int[] {811, 812, 813, 814}) {
            assertThat(ReconnectPolicy.disconnect(code)).isEqualTo(new Loss("request rejected by Dhan (" + code + ")", Retry.SLOW));
        }
        for (int code : new int[] {800, 801, 815, 0, 65535}) {
            assertThat(ReconnectPolicy.disconnect(code))
                    .isEqualTo(new Loss("disconnected by Dhan (" + code + ")", Retry.NORMAL));
        }
    }

    @Test
    void aRefusedHandshakeIsPacedByItsStatusAndAFailedSocketBacksOff() {
        assertThat(ReconnectPolicy.failure(401, "x")).isEqualTo(new Loss("token or client id rejected (HTTP 401)", Retry.SLOW));
        assertThat(ReconnectPolicy.failure(403, "x")).isEqualTo(new Loss("token or client id rejected (HTTP 403)", Retry.SLOW));
        assertThat(ReconnectPolicy.failure(429, "x")).isEqualTo(new Loss("too many requests (HTTP 429)", Retry.TOO_MANY));
        assertThat(ReconnectPolicy.failure(503, "x")).isEqualTo(new Loss("handshake refused (HTTP 503)", Retry.NORMAL));
        assertThat(ReconnectPolicy.failure(0, "SocketTimeoutException: timeout"))
                .isEqualTo(new Loss("connection lost: SocketTimeoutException: timeout", Retry.NORMAL));
    }

    @Test
    void aLostConnectionBacksOffExponentiallyWithFullJitterUpToTheCap() {
        Extreme top = new Extreme(true);
        ReconnectPolicy policy = new ReconnectPolicy(PROPERTIES, top);

        List<Long> longest = new ArrayList<>();
        for (int failures = 0; failures < 8; failures++) {
            longest.add(policy.delayMillis(Retry.NORMAL, failures));
        }
        assertThat(longest).containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
        assertThat(top.bounds).as("uniform in [0, step]").containsExactly(101L, 201L, 401L, 801L, 1601L, 2001L, 2001L, 2001L);
        assertThat(policy.delayMillis(Retry.NORMAL, 1_000)).as("no overflow after many failures").isEqualTo(2000L);

        ReconnectPolicy bottom = new ReconnectPolicy(PROPERTIES, new Extreme(false));
        assertThat(bottom.delayMillis(Retry.NORMAL, 5)).as("full jitter reaches zero").isZero();
    }

    @Test
    void rejectedCredentialsWaitTheAuthRetryAndTooManyConnectionsAtLeastTheCap() {
        ReconnectPolicy top = new ReconnectPolicy(PROPERTIES, new Extreme(true));
        ReconnectPolicy bottom = new ReconnectPolicy(PROPERTIES, new Extreme(false));

        assertThat(top.delayMillis(Retry.SLOW, 0)).isEqualTo(60_000);
        assertThat(bottom.delayMillis(Retry.SLOW, 7)).as("no jitter, no growth").isEqualTo(60_000);
        assertThat(bottom.delayMillis(Retry.TOO_MANY, 0)).isEqualTo(2_000);
        assertThat(top.delayMillis(Retry.TOO_MANY, 0)).isEqualTo(4_000);
    }

    @Test
    void theLogSaysWhatComesNext() {
        ReconnectPolicy policy = new ReconnectPolicy(PROPERTIES, new Extreme(true));

        assertThat(policy.next(Retry.SLOW, 60_000)).isEqualTo("retrying every 60 s with freshly read credentials");
        assertThat(policy.next(Retry.NORMAL, 123)).isEqualTo("reconnecting in 123 ms");
        assertThat(ReconnectPolicy.human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
