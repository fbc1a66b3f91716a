package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RequestThrottleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A clock that moves only when the throttle sleeps or the test says so. */
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final RequestThrottle throttle = new RequestThrottle(Duration.ofSeconds(3), now::get, nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void theFirstRequestGoesAtOnce() throws InterruptedException {
        throttle.acquire();

        assertThat(sleeps).isEmpty();
    }

    @Test
    void theNextRequestWaitsForTheRestOfTheInterval() throws InterruptedException {
        throttle.acquire();
        now.addAndGet(SECOND);

        throttle.acquire();

        assertThat(sleeps).containsExactly(2 * SECOND);
    }

    @Test
    void aRequestAfterALongPauseGoesAtOnce() throws InterruptedException {
        throttle.acquire();
        now.addAndGet(10 * SECOND);

        throttle.acquire();

        assertThat(sleeps).isEmpty();
    }

    @Test
    void requestsInABurstAreSpacedOneIntervalApart() throws InterruptedException {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            throttle.acquire();
            starts.add(now.get());
        }

        assertThat(starts).containsExactly(1_000 * SECOND, 1_003 * SECOND, 1_006 * SECOND, 1_009 * SECOND);
    }

    @Test
    void concurrentCallersGetDistinctSlots() throws Exception {
        RequestThrottle real = new RequestThrottle(Duration.ofMillis(40));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<Long>> returns = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                returns.add(pool.submit(() -> {
                    real.acquire();
                    return System.nanoTime();
                }));
            }
            long last = start;
            for (Future<Long> returned : returns) {
                last = Math.max(last, returned.get(5, TimeUnit.SECONDS));
            }
            // Four callers at once: the last may go only three intervals after the first.
            assertThat(Duration.ofNanos(last - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        } finally {
            pool.shutdownNow();
        }
    }
}
