package com.livechain.universe;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Asks {@link DailyReload} every {@link #CHECK_EVERY} whether a reload is due and runs it on its own thread,
 * so a slow download never holds a request or the feed. Starts once the start-up load is in place.
 */
public final class DailyReloadRunner implements AutoCloseable {

    static final Duration CHECK_EVERY = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(DailyReloadRunner.class);

    private final DailyReload schedule;
    private final UniverseReloader reloader;
    private final ScheduledExecutorService executor;

    public DailyReloadRunner(DailyReload schedule, UniverseReloader reloader) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.reloader = Objects.requireNonNull(reloader, "reloader");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chain-reload");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener
    public void onChainReady(ChainReadyEvent event) {
        schedule.loaded();
        executor.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One look at the schedule; public for tests that drive the schedule's clock. */
    public void check() {
        try {
            if (schedule.due()) {
                ReloadResult result = reloader.reload("daily");
                schedule.ran(result);
                if (schedule.retryAt() != null) {
                    log.info("Next chain reload attempt at {}", schedule.retryAt());
                }
            }
        } catch (RuntimeException e) {
            // The executor would silently stop scheduling after an exception: log and keep going.
            log.error("Chain reload check failed", e);
        }
    }

    /** The executor, for Micrometer's executor metrics. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
