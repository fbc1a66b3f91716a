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
            List<Future<Long>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit(() -> {
                    real.acquire();
                    return System.nanoTime();
                }));
            }
            List<Long> times = new ArrayList<>();
            for (Future<Long> start : starts) {
                times.add(start.get(5, TimeUnit.SECONDS));
            }
            Collections.sort(times);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(39));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
